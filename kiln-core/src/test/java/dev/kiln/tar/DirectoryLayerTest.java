package dev.kiln.tar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.oci.Digest;
import dev.kiln.testing.ExternalCommand;
import dev.kiln.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLayerTest {

    @TempDir
    Path tmp;

    /** A small tree with every kind of file; {@code seed} varies mtimes only. */
    static Path makeTree(Path root, long seed) throws IOException {
        Random random = new Random(42);
        Files.createDirectories(root.resolve("usr/bin"));
        Files.createDirectories(root.resolve("etc/empty"));
        Files.createDirectories(root.resolve("var/log"));
        byte[] big = new byte[700_000];
        random.nextBytes(big);
        Files.write(root.resolve("usr/bin/tool"), big);
        Files.setAttribute(root.resolve("usr/bin/tool"), "unix:mode", 04755);
        Files.createLink(root.resolve("usr/bin/tool-alias"), root.resolve("usr/bin/tool"));
        Files.writeString(root.resolve("etc/hostname"), "kiln\n");
        Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
        Files.createSymbolicLink(root.resolve("etc/outside"), Path.of("/etc"));
        Files.writeString(root.resolve("etc/" + "long-name-".repeat(20)), "long\n");
        NativeFs.mkfifo(root.resolve("var/fifo"), 0600);
        GnuTarInteropTest.trySetXattr(root.resolve("etc/hostname"), "kiln.test", new byte[] {1, (byte) 0xfe});
        try (FileChannel ch = FileChannel.open(root.resolve("var/log/lastlog"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("data at 3 MiB".getBytes()), 3L << 20);
            ch.write(ByteBuffer.wrap(new byte[] {1}), (8L << 20) - 1);
        }
        Random times = new Random(seed);
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                if (!Files.isSymbolicLink(p) && !p.getFileName().toString().equals("fifo")) {
                    Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + times.nextInt(1_000_000))));
                }
            }
        }
        return root;
    }

    private static LayerDigests write(Path root, Compression c, LayerWriteOptions o, OutputStream out) throws IOException {
        return DirectoryLayer.write(root, out, c, o);
    }

    private static Map<String, LayerEntry> entries(byte[] layer) throws Exception {
        Map<String, LayerEntry> all = new LinkedHashMap<>();
        try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(layer))) {
            LayerEntry e;
            while ((e = reader.next()) != null) {
                all.put(e.path(), e);
            }
        }
        return all;
    }

    @Test
    void sameTreeInDifferentPlacesWithDifferentMtimesGivesIdenticalDigestsUnderSourceDateEpoch() throws Exception {
        Path a = makeTree(tmp.resolve("one/rootfs"), 1);
        Path b = makeTree(tmp.resolve("elsewhere/two"), 2);
        LayerWriteOptions options = LayerWriteOptions.DEFAULT.withSourceDateEpoch(Instant.ofEpochSecond(1_600_000_000));
        for (Compression c : Compression.values()) {
            ByteArrayOutputStream outA = new ByteArrayOutputStream();
            ByteArrayOutputStream outB = new ByteArrayOutputStream();
            LayerDigests da = write(a, c, options, outA);
            LayerDigests db = write(b, c, options, outB);
            assertThat(da).as(c.toString()).isEqualTo(db);
            assertThat(outA.toByteArray()).isEqualTo(outB.toByteArray());
            assertThat(da.digest()).isEqualTo(Digest.sha256(outA.toByteArray()));
        }
        // Without the clamp the differing mtimes show.
        ByteArrayOutputStream x = new ByteArrayOutputStream();
        ByteArrayOutputStream y = new ByteArrayOutputStream();
        assertThat(write(a, Compression.NONE, LayerWriteOptions.DEFAULT, x).diffId())
                .isNotEqualTo(write(b, Compression.NONE, LayerWriteOptions.DEFAULT, y).diffId());
    }

    @Test
    void entriesAreSortedWithHardlinksSymlinksFifosXattrsAndSparseFiles() throws Exception {
        Path root = makeTree(tmp.resolve("rootfs"), 1);
        boolean xattrsSupported = GnuTarInteropTest.trySetXattr(root.resolve("etc/hostname"), "kiln.test",
                new byte[] {1, (byte) 0xfe});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(root, Compression.GZIP, LayerWriteOptions.DEFAULT, out);
        Map<String, LayerEntry> entries = entries(out.toByteArray());
        List<String> paths = new ArrayList<>(entries.keySet());
        assertThat(paths).isSorted().contains("etc/empty", "var/fifo").doesNotContain("");
        assertThat(entries.get("usr/bin/tool").type()).isEqualTo(EntryType.FILE);
        assertThat(entries.get("usr/bin/tool").mode()).isEqualTo(04755);
        assertThat(entries.get("usr/bin/tool-alias").type()).isEqualTo(EntryType.HARDLINK);
        assertThat(entries.get("usr/bin/tool-alias").linkTarget()).isEqualTo("usr/bin/tool");
        assertThat(entries.get("bin").linkTarget()).isEqualTo("usr/bin");
        assertThat(entries.get("etc/outside").type()).isEqualTo(EntryType.SYMLINK);
        assertThat(paths).noneMatch(p -> p.startsWith("etc/outside/"));
        assertThat(entries.get("var/fifo").type()).isEqualTo(EntryType.FIFO);
        assertThat(entries.get("var/log/lastlog").isSparse()).isTrue();
        assertThat(entries.get("var/log/lastlog").size()).isEqualTo(8L << 20);
        if (xattrsSupported) {
            assertThat(entries.get("etc/hostname").xattrs().get("user.kiln.test")).isEqualTo(new byte[] {1, (byte) 0xfe});
        }
    }

    @Test
    void extractingTheLayerGivesBackTheTree() throws Exception {
        Path root = makeTree(tmp.resolve("rootfs"), 1);
        Path layer = tmp.resolve("layer.tar.zst");
        try (OutputStream out = Files.newOutputStream(layer)) {
            write(root, Compression.ZSTD, LayerWriteOptions.DEFAULT, out);
        }
        Path copy = Files.createDirectory(tmp.resolve("copy"));
        SafeExtractor.extract(Files.newInputStream(layer), copy, ExtractOptions.DEFAULT);
        assertThat(Files.readAllBytes(copy.resolve("usr/bin/tool"))).isEqualTo(Files.readAllBytes(root.resolve("usr/bin/tool")));
        assertThat(Files.getAttribute(copy.resolve("usr/bin/tool-alias"), "unix:ino"))
                .isEqualTo(Files.getAttribute(copy.resolve("usr/bin/tool"), "unix:ino"));
        assertThat(Files.readAllBytes(copy.resolve("var/log/lastlog"))).isEqualTo(Files.readAllBytes(root.resolve("var/log/lastlog")));
        assertThat(Files.getLastModifiedTime(copy.resolve("etc")).toInstant().getEpochSecond())
                .isEqualTo(Files.getLastModifiedTime(root.resolve("etc")).toInstant().getEpochSecond());
        assertThat(Files.readSymbolicLink(copy.resolve("etc/outside"))).isEqualTo(Path.of("/etc"));
        // GNU tar agrees on the whole tree.
        String diff = ExternalCommand.run(copy, List.of("sh", "-c", "cd " + root + " && tar -cf - . | (cd " + copy
                + " && tar --compare -f - 2>&1) | grep -v 'Mod time differs' || true")).out();
        assertThat(diff.strip()).isEmpty();
    }

    @Test
    void aFilesSecurityCapabilityXattrIsStoredInItsLayerEntry() throws Exception {
        Tools.requireRoot("setting security.capability needs root");
        Tools.require("setfattr");
        Path root = Files.createDirectories(tmp.resolve("rootfs"));
        Files.writeString(root.resolve("ping"), "binary");
        String cap = "0100000200200000000000000000000000000000";
        ExternalCommand.check(root, "setfattr", "-n", "security.capability", "-v", "0x" + cap, "ping");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(root, Compression.NONE, LayerWriteOptions.DEFAULT, out);
        assertThat(entries(out.toByteArray()).get("ping").xattrs().get("security.capability"))
                .isEqualTo(java.util.HexFormat.of().parseHex(cap));
    }

    @Test
    void gzipLayerOfATreePassesGzipAndTar() throws Exception {
        Path root = makeTree(tmp.resolve("rootfs"), 1);
        Path layer = tmp.resolve("layer.tar.gz");
        LayerDigests d;
        try (OutputStream out = Files.newOutputStream(layer)) {
            d = write(root, Compression.GZIP, LayerWriteOptions.DEFAULT, out);
        }
        ExternalCommand.check(tmp, "gzip", "-t", layer.toString());
        String listing = ExternalCommand.check(tmp, "tar", "-tzvf", layer.toString()).out();
        assertThat(listing).contains("usr/bin/tool-alias link to usr/bin/tool").contains("bin -> usr/bin");
        String sum = ExternalCommand.check(tmp, "sh", "-c", "gzip -dc " + layer + " | sha256sum").out();
        assertThat(d.diffId().encoded()).isEqualTo(sum.substring(0, 64));
        assertThat(Files.isDirectory(root.resolve("etc"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
