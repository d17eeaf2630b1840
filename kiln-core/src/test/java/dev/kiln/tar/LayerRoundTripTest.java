package dev.kiln.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LayerRoundTripTest {

    static final byte[] CAPABILITY = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, (byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    static List<LayerEntry> everyKind() {
        String long150 = "d/" + "x".repeat(150);
        String long300 = "deep/" + "segment-".repeat(40) + "/file.txt";
        return List.of(
                LayerEntry.builder("etc", EntryType.DIRECTORY).mode(0755).mtime(Instant.ofEpochSecond(1_700_000_000)).build(),
                LayerEntry.builder("etc/passwd", EntryType.FILE).size(11).mode(0644).owner(0, 0).names("root", "root")
                        .mtime(Instant.ofEpochSecond(1_700_000_001)).build(),
                LayerEntry.builder("usr/bin/ping", EntryType.FILE).size(4).mode(04755).xattr("security.capability", CAPABILITY)
                        .xattr("user.comment", "héllo".getBytes(StandardCharsets.UTF_8)).build(),
                LayerEntry.builder("tmp", EntryType.DIRECTORY).mode(01777).build(),
                LayerEntry.symlink("bin", "usr/bin"),
                LayerEntry.hardlink("usr/bin/ping6", "usr/bin/ping"),
                LayerEntry.builder("dev/null", EntryType.CHAR_DEVICE).mode(0666).device(1, 3).build(),
                LayerEntry.builder("dev/sda", EntryType.BLOCK_DEVICE).mode(0660).device(8, 0).build(),
                LayerEntry.builder("run/fifo", EntryType.FIFO).mode(0600).build(),
                LayerEntry.builder(long150, EntryType.FILE).size(3).build(),
                LayerEntry.builder(long300, EntryType.FILE).size(5).build(),
                LayerEntry.symlink("link-to-long", long300),
                LayerEntry.builder("ünïcødé/日本語.txt", EntryType.FILE).size(2).names("ûser", "grøup").build(),
                LayerEntry.builder("home/big", EntryType.DIRECTORY).owner(100_000_000L, 3_000_000_000L).build(),
                LayerEntry.whiteout("etc/shadow"),
                LayerEntry.opaqueWhiteout("var/cache"));
    }

    static byte[] contentFor(LayerEntry e) {
        byte[] data = new byte[(int) e.size()];
        new Random(e.path().hashCode()).nextBytes(data);
        return data;
    }

    static byte[] write(List<LayerEntry> entries, Compression compression, LayerDigests[] digests) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LayerWriter writer = LayerWriter.open(out, compression, LayerWriteOptions.DEFAULT)) {
            for (LayerEntry e : entries) {
                writer.add(e, new ByteArrayInputStream(contentFor(e)));
            }
            digests[0] = writer.finish();
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void everyEntryTypeSurvivesWriteAndRead(Compression compression) throws Exception {
        List<LayerEntry> entries = everyKind();
        LayerDigests[] written = new LayerDigests[1];
        byte[] layer = write(entries, compression, written);

        List<LayerEntry> read = new ArrayList<>();
        try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(layer))) {
            assertThat(reader.compression()).isEqualTo(compression);
            LayerEntry e;
            while ((e = reader.next()) != null) {
                read.add(e);
                if (e.type() == EntryType.FILE) {
                    assertThat(reader.content().readAllBytes()).as(e.path()).isEqualTo(contentFor(e));
                }
            }
            assertThat(reader.digests()).isEqualTo(written[0]);
        }
        assertThat(read).containsExactlyElementsOf(entries);
        assertThat(read.get(2).xattrs().get("security.capability")).isEqualTo(CAPABILITY);
        assertThat(read.get(14).whiteout()).isEqualTo(Whiteout.FILE);
        assertThat(read.get(14).whiteoutTarget()).isEqualTo("etc/shadow");
        assertThat(read.get(15).whiteout()).isEqualTo(Whiteout.OPAQUE);
        assertThat(read.get(15).whiteoutTarget()).isEqualTo("var/cache");
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void digestsDescribeTheBytesWrittenAndTheTarInside(Compression compression) throws Exception {
        LayerDigests[] d = new LayerDigests[1];
        byte[] layer = write(everyKind(), compression, d);
        assertThat(d[0].digest()).isEqualTo(Digest.sha256(layer));
        assertThat(d[0].size()).isEqualTo(layer.length);
        byte[] tar = compression.decompress(new ByteArrayInputStream(layer)).readAllBytes();
        assertThat(d[0].diffId()).isEqualTo(Digest.sha256(tar));
        assertThat(d[0].uncompressedSize()).isEqualTo(tar.length);
        assertThat(d[0].compression()).isEqualTo(compression);
    }

    @Test
    void sameEntriesGiveTheSameBytes() throws Exception {
        LayerDigests[] a = new LayerDigests[1];
        LayerDigests[] b = new LayerDigests[1];
        assertThat(write(everyKind(), Compression.GZIP, a)).isEqualTo(write(everyKind(), Compression.GZIP, b));
        assertThat(a[0]).isEqualTo(b[0]);
    }

    @Test
    void optionsClampMtimesAndNormaliseOwners() throws Exception {
        Instant epoch = Instant.ofEpochSecond(1_600_000_000);
        LayerWriteOptions options = LayerWriteOptions.DEFAULT.withSourceDateEpoch(epoch).withNormalisedOwners(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LayerWriter writer = LayerWriter.open(out, Compression.NONE, options)) {
            writer.add(LayerEntry.builder("new", EntryType.DIRECTORY).mtime(Instant.ofEpochSecond(1_700_000_000))
                    .owner(1000, 1000).names("me", "us").build());
            writer.add(LayerEntry.builder("old", EntryType.DIRECTORY).mtime(Instant.ofEpochSecond(1_000)).build());
            writer.finish();
        }
        try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(out.toByteArray()))) {
            LayerEntry newer = reader.next();
            assertThat(newer.mtime()).isEqualTo(epoch);
            assertThat(newer.uid()).isZero();
            assertThat(newer.uname()).isEmpty();
            assertThat(reader.next().mtime()).isEqualTo(Instant.ofEpochSecond(1_000));
        }
    }

    @Test
    void sparseEntriesKeepTheirHolesAndReadBackAsTheLogicalFile() throws Exception {
        long size = 10L * 1024 * 1024;
        List<SparseRegion> regions = List.of(new SparseRegion(4096, 100), new SparseRegion(5_000_000, 4096));
        byte[] logical = new byte[(int) size];
        new Random(1).nextBytes(logical);
        Arrays.fill(logical, 0, 4096, (byte) 0);
        Arrays.fill(logical, 4196, 5_000_000, (byte) 0);
        Arrays.fill(logical, 5_004_096, logical.length, (byte) 0);
        LayerEntry entry = LayerEntry.builder("var/log/lastlog", EntryType.FILE).size(size).sparse(regions).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerDigests d;
        try (LayerWriter writer = LayerWriter.open(out, Compression.NONE, LayerWriteOptions.DEFAULT)) {
            writer.add(entry, new ByteArrayInputStream(logical));
            d = writer.finish();
        }
        assertThat(d.uncompressedSize()).isLessThan(20_000);
        try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(out.toByteArray()))) {
            LayerEntry read = reader.next();
            // Regions are widened to whole tar blocks, which every reader understands alike.
            assertThat(read.sparse()).containsExactly(new SparseRegion(4096, 512), new SparseRegion(4_999_680, 4608),
                    new SparseRegion(size, 0));
            assertThat(read.toBuilder().sparse(regions).build()).isEqualTo(entry);
            assertThat(reader.content().readAllBytes()).isEqualTo(logical);
        }
    }

    @Test
    void sparseMapThatHidesDataIsRefused() {
        LayerEntry entry = LayerEntry.builder("f", EntryType.FILE).size(2000).sparse(List.of(new SparseRegion(0, 2))).build();
        byte[] content = new byte[2000];
        content[1500] = 1;
        assertThatThrownBy(() -> {
            try (LayerWriter writer = LayerWriter.open(new ByteArrayOutputStream(), Compression.NONE, LayerWriteOptions.DEFAULT)) {
                writer.add(entry, new ByteArrayInputStream(content));
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("'f'").hasMessageContaining("hole");
    }

    @Test
    void contentThatDoesNotMatchTheDeclaredSizeIsAnError() {
        assertThatThrownBy(() -> {
            try (LayerWriter writer = LayerWriter.open(new ByteArrayOutputStream(), Compression.GZIP, LayerWriteOptions.DEFAULT)) {
                writer.add(LayerEntry.file("short", 10), new ByteArrayInputStream(new byte[3]));
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("'short'");
        assertThatThrownBy(() -> {
            try (LayerWriter writer = LayerWriter.open(new ByteArrayOutputStream(), Compression.GZIP, LayerWriteOptions.DEFAULT)) {
                writer.add(LayerEntry.file("long", 1), new ByteArrayInputStream(new byte[3]));
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("'long'");
    }

    @Test
    void contentNotReadIsSkippedByNext() throws Exception {
        LayerDigests[] d = new LayerDigests[1];
        byte[] layer = write(everyKind(), Compression.ZSTD, d);
        try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(layer))) {
            assertThat(reader.readToEnd()).isEqualTo(d[0]);
        }
    }

    @Test
    void flippedByteInAGzipLayerIsBadInputNamingTheProblem() throws Exception {
        LayerDigests[] d = new LayerDigests[1];
        List<LayerEntry> entries = List.of(LayerEntry.file("data", 200_000));
        byte[] layer = write(entries, Compression.GZIP, d);
        layer[layer.length / 2] ^= 0x10;
        assertThatThrownBy(() -> {
            try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(layer))) {
                reader.readToEnd();
            }
        }).isInstanceOf(LayerFormatException.class).hasMessageContaining("gzip");
    }

    @Test
    void truncatedLayersAreBadInput() throws Exception {
        for (Compression c : Compression.values()) {
            LayerDigests[] d = new LayerDigests[1];
            byte[] layer = write(List.of(LayerEntry.file("data", 300_000)), c, d);
            byte[] cut = Arrays.copyOf(layer, layer.length / 2);
            assertThatThrownBy(() -> {
                try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(cut))) {
                    reader.next();
                    reader.content().readAllBytes();
                    reader.readToEnd();
                }
            }).as(c.toString()).isInstanceOfAny(LayerFormatException.class, CorruptStreamException.class,
                    IOException.class);
        }
    }

    @Test
    void notATarIsBadInputNamingTheOffset() {
        byte[] junk = new byte[2048];
        Arrays.fill(junk, (byte) 'a');
        assertThatThrownBy(() -> {
            try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(junk))) {
                reader.next();
            }
        }).isInstanceOf(LayerFormatException.class).hasMessageContaining("offset 0");
    }

    @Test
    void xzLayersGetAClearError() {
        byte[] xz = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 0};
        assertThatThrownBy(() -> LayerReader.open(new ByteArrayInputStream(xz)))
                .isInstanceOf(LayerFormatException.class).hasMessageContaining("xz");
    }

    @Test
    void concatenatedGzipMembersAreReadAsOneStream() throws Exception {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        for (String part : new String[] {"first part ", "second part"}) {
            try (var gz = new java.util.zip.GZIPOutputStream(both) {
                @Override
                public void close() throws IOException {
                    finish();
                }
            }) {
                gz.write(part.getBytes(StandardCharsets.UTF_8));
            }
        }
        // A pipe reports nothing available between members; the decoder must not stop there.
        InputStream trickle = new java.io.FilterInputStream(new ByteArrayInputStream(both.toByteArray())) {
            @Override
            public int available() {
                return 0;
            }
        };
        assertThat(new String(Compression.GZIP.decompress(trickle).readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("first part second part");
    }
}
