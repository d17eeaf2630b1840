package dev.kiln.tar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.ExternalCommand;
import dev.kiln.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** kiln's layers against the real GNU tar, gzip and zstd, in both directions. */
class GnuTarInteropTest {

    @TempDir
    Path tmp;

    private Path writeLayer(Compression compression, String name) throws IOException {
        Path file = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file);
                LayerWriter writer = LayerWriter.open(out, compression, LayerWriteOptions.DEFAULT)) {
            for (LayerEntry e : LayerRoundTripTest.everyKind()) {
                writer.add(e, new ByteArrayInputStream(LayerRoundTripTest.contentFor(e)));
            }
            byte[] big = new byte[3 * 1024 * 1024 + 17];
            new Random(7).nextBytes(big);
            for (int i = 0; i < big.length / 2; i++) {
                big[i] = (byte) ('a' + (i % 13)); // half compressible, spanning several deflate blocks
            }
            writer.add(LayerEntry.file("big.bin", big.length), new ByteArrayInputStream(big));
            writer.finish();
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "zstd"})
    void compressedLayersPassTheRealToolsAndDiffIdMatchesTheirOutput(String codec) throws Exception {
        Compression compression = Compression.parse(codec);
        Tools.require(codec);
        Path layer = writeLayer(compression, "layer." + codec);
        ExternalCommand.check(tmp, codec, "-t", layer.toString());
        String sum = ExternalCommand.check(tmp, "sh", "-c", codec + " -dc " + layer + " | sha256sum").out();
        LayerDigests d;
        try (LayerReader reader = LayerReader.open(Files.newInputStream(layer))) {
            d = reader.readToEnd();
        }
        assertThat(d.diffId().encoded()).isEqualTo(sum.substring(0, 64));
        String fileSum = ExternalCommand.check(tmp, "sha256sum", layer.toString()).out();
        assertThat(d.digest().encoded()).isEqualTo(fileSum.substring(0, 64));
        String listing = ExternalCommand.check(tmp, "sh", "-c", codec + " -dc " + layer + " | tar -tvf -").out();
        assertThat(listing).contains("usr/bin/ping6 link to usr/bin/ping")
                .contains("deep/" + "segment-".repeat(40) + "/file.txt")
                .contains("ünïcødé/日本語.txt")
                .contains("etc/.wh.shadow")
                .contains("var/cache/.wh..wh..opq")
                .contains("bin -> usr/bin");
    }

    @Test
    void gnuTarExtractsWhatKilnWroteIncludingLongNamesAndSparseFiles() throws Exception {
        Tools.require("tar");
        Path layer = tmp.resolve("l.tar");
        byte[] sparse = new byte[3 * 1024 * 1024];
        sparse[1_000_000] = 42;
        sparse[sparse.length - 1] = 7;
        String longName = "a/" + "long-directory-name/".repeat(15) + "leaf";
        try (OutputStream out = Files.newOutputStream(layer);
                LayerWriter writer = LayerWriter.open(out, Compression.NONE, LayerWriteOptions.DEFAULT)) {
            writer.add(LayerEntry.builder("s/lastlog", EntryType.FILE).size(sparse.length)
                    .sparse(List.of(new SparseRegion(1_000_000, 1), new SparseRegion(sparse.length - 1, 1))).build(),
                    new ByteArrayInputStream(sparse));
            writer.add(LayerEntry.file(longName, 5), new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));
            writer.finish();
        }
        Path out = Files.createDirectory(tmp.resolve("out"));
        ExternalCommand.check(out, "tar", "-xf", layer.toString());
        assertThat(Files.readAllBytes(out.resolve("s/lastlog"))).isEqualTo(sparse);
        assertThat(Files.readString(out.resolve(longName))).isEqualTo("hello");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "pax-0.0", "pax-0.1", "pax-1.0", "oldgnu", "posix-1.0"})
    void sparseFilesWrittenByGnuTarReadAsTheLogicalBytes(String format) throws Exception {
        Tools.require("tar");
        Path src = Files.createDirectory(tmp.resolve("src"));
        Path file = src.resolve("lastlog");
        byte[] expected = new byte[8 * 1024 * 1024 + 123];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            // Data at a few places; everything else is a hole.
            Random random = new Random(3);
            for (long at : new long[] {0, 2 * 1024 * 1024, 5 * 1024 * 1024 + 4096}) {
                byte[] chunk = new byte[20_000];
                random.nextBytes(chunk);
                ch.write(ByteBuffer.wrap(chunk), at);
                System.arraycopy(chunk, 0, expected, (int) at, chunk.length);
            }
            ch.write(ByteBuffer.wrap(new byte[] {9}), expected.length - 1);
            expected[expected.length - 1] = 9;
        }
        Files.writeString(src.resolve("after"), "after the sparse file");
        Path tar = tmp.resolve("sparse.tar");
        String[] parts = format.split("-");
        String fmt = parts[0].equals("pax") ? "posix" : parts[0];
        List<String> command = new java.util.ArrayList<>(List.of("tar", "--sparse", "--format=" + fmt));
        if (parts.length > 1) {
            command.add("--sparse-version=" + parts[1]);
        }
        command.addAll(List.of("-cf", tar.toString(), "lastlog", "after"));
        assertThat(ExternalCommand.run(src, command).exitCode()).isZero();
        try (LayerReader reader = LayerReader.open(Files.newInputStream(tar))) {
            LayerEntry e = reader.next();
            assertThat(e.path()).isEqualTo("lastlog");
            assertThat(e.size()).isEqualTo(expected.length);
            assertThat(e.isSparse()).isTrue();
            assertThat(reader.content().readAllBytes()).isEqualTo(expected);
            LayerEntry after = reader.next();
            assertThat(after.path()).isEqualTo("after");
            assertThat(new String(reader.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("after the sparse file");
            assertThat(reader.next()).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "posix"})
    void gnuTarLongNamesLinksAndXattrsAreRead(String format) throws Exception {
        Tools.require("tar");
        Path src = Files.createDirectory(tmp.resolve("src"));
        String deep = "d/" + "nested-directory-with-a-long-name/".repeat(9);
        Files.createDirectories(src.resolve(deep));
        Path file = src.resolve(deep + "ƒile-" + "n".repeat(120));
        Files.writeString(file, "content");
        Files.createLink(src.resolve("hard"), file);
        Files.createSymbolicLink(src.resolve("sym"), src.relativize(file));
        byte[] binary = {1, (byte) 0xff, (byte) 0x80, (byte) 0xc3, 0, 5};
        boolean xattrs = trySetXattr(file, "bin", binary);
        Path tar = tmp.resolve("t.tar");
        assertThat(ExternalCommand.run(src, List.of("tar", "--format=" + format, "--xattrs", "--xattrs-include=*",
                "-cf", tar.toString(), "d", "hard", "sym")).exitCode()).isZero();
        Map<String, LayerEntry> byPath = new HashMap<>();
        try (LayerReader reader = LayerReader.open(Files.newInputStream(tar))) {
            LayerEntry e;
            while ((e = reader.next()) != null) {
                byPath.put(e.path(), e);
            }
        }
        String rel = deep + "ƒile-" + "n".repeat(120);
        assertThat(byPath).containsKeys(rel, "hard", "sym", "d");
        assertThat(byPath.get("d").type()).isEqualTo(EntryType.DIRECTORY);
        assertThat(byPath.get("sym").linkTarget()).isEqualTo(rel);
        // GNU tar stores the second name of a hardlinked file as a link to the first one archived.
        LayerEntry link = byPath.get(rel).type() == EntryType.HARDLINK ? byPath.get(rel) : byPath.get("hard");
        assertThat(link.type()).isEqualTo(EntryType.HARDLINK);
        if (xattrs && format.equals("posix")) {
            LayerEntry withX = byPath.get(rel).type() == EntryType.FILE ? byPath.get(rel) : byPath.get("hard");
            assertThat(withX.xattrs().get("user.bin")).isEqualTo(binary);
        }
    }

    static boolean trySetXattr(Path file, String name, byte[] value) {
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
            view.write(name, ByteBuffer.wrap(value));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Test
    void parallelGzipOutputIsOneValidGzipStreamOfTheInput() throws Exception {
        Tools.require("gzip");
        byte[] data = new byte[5 * ParallelGzipOutputStream.BLOCK_SIZE + 999];
        Random random = new Random(11);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt() : 'x' + (i % 3));
        }
        Path gz = tmp.resolve("data.gz");
        try (OutputStream out = Compression.GZIP.compress(Files.newOutputStream(gz), 6)) {
            out.write(data, 0, 1000);
            out.write(data, 1000, data.length - 1000);
        }
        byte[] decoded = ExternalCommand.check(tmp, "gzip", "-dc", gz.toString()).stdout();
        assertThat(decoded).isEqualTo(data);
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        Path empty = tmp.resolve("empty.gz");
        Compression.GZIP.compress(Files.newOutputStream(empty), 6).close();
        assertThat(ExternalCommand.check(tmp, "gzip", "-dc", empty.toString()).stdout()).isEmpty();
    }
}
