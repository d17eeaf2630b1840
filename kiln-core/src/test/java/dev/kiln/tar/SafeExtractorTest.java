package dev.kiln.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.KilnException;
import dev.kiln.testing.ExternalCommand;
import dev.kiln.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafeExtractorTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> malicious() {
        return MaliciousLayers.all();
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malicious")
    void maliciousArchivesAreRejectedNamingTheEntryAndNothingLandsOutside(String name, byte[] layer, String entry)
            throws Exception {
        Path sandbox = Files.createDirectories(tmp.resolve("sandbox/deeper"));
        Path root = Files.createDirectory(sandbox.resolve("root"));
        assertThatThrownBy(() -> SafeExtractor.extract(new ByteArrayInputStream(layer), root, ExtractOptions.DEFAULT))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("'" + entry + "'")
                .satisfies(e -> assertThat(((KilnException) e).kind()).isEqualTo(KilnException.Kind.BAD_INPUT));
        assertThat(listing(sandbox)).containsExactly("root");
        assertThat(listing(tmp.resolve("sandbox"))).containsExactly("deeper");
        assertThat(listing(tmp)).containsExactly("sandbox");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malicious")
    void atomicExtractionOfAMaliciousArchiveLeavesNoTargetAndNoTemp(String name, byte[] layer, String entry) throws Exception {
        Path target = tmp.resolve("parent/rootfs");
        assertThatThrownBy(() -> SafeExtractor.extractAtomically(new ByteArrayInputStream(layer), target,
                ExtractOptions.DEFAULT)).isInstanceOf(UnsafeArchiveException.class).hasMessageContaining(entry);
        assertThat(listing(tmp.resolve("parent"))).isEmpty();
    }

    @Test
    void symlinkLeftByALowerLayerIsNeverFollowed() throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Path root = Files.createDirectory(tmp.resolve("root"));
        Files.createSymbolicLink(root.resolve("lib"), outside);
        byte[] layer = MaliciousLayers.layer(List.of(LayerEntry.file("lib/evil.so", MaliciousLayers.PAYLOAD.length)));
        assertThatThrownBy(() -> SafeExtractor.extract(new ByteArrayInputStream(layer), root, ExtractOptions.DEFAULT))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("lib/evil.so").hasMessageContaining("symlink");
        assertThat(listing(outside)).isEmpty();
    }

    @Test
    void aFileReplacingALowerSymlinkReplacesTheLinkNotItsTarget() throws Exception {
        Path outside = tmp.resolve("outside.txt");
        Files.writeString(outside, "keep");
        Path root = Files.createDirectory(tmp.resolve("root"));
        Files.createSymbolicLink(root.resolve("conf"), outside);
        byte[] layer = MaliciousLayers.layer(List.of(LayerEntry.file("conf", MaliciousLayers.PAYLOAD.length)));
        SafeExtractor.extract(new ByteArrayInputStream(layer), root, ExtractOptions.DEFAULT);
        assertThat(Files.readString(outside)).isEqualTo("keep");
        assertThat(Files.isSymbolicLink(root.resolve("conf"))).isFalse();
        assertThat(Files.readAllBytes(root.resolve("conf"))).isEqualTo(MaliciousLayers.PAYLOAD);
    }

    @Test
    void absoluteNamesLandInsideTheRoot() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("root"));
        byte[] layer = MaliciousLayers.layer(List.of(LayerEntry.file("/abs/file", MaliciousLayers.PAYLOAD.length)));
        SafeExtractor.extract(new ByteArrayInputStream(layer), root, ExtractOptions.DEFAULT);
        assertThat(Files.readAllBytes(root.resolve("abs/file"))).isEqualTo(MaliciousLayers.PAYLOAD);
        assertThat(listing(tmp)).containsExactly("root");
    }

    @Test
    void entriesKeepTheirModesTimesLinksAndSparseHoles() throws Exception {
        Instant t = Instant.ofEpochSecond(1_650_000_000);
        byte[] sparse = new byte[4 * 1024 * 1024];
        sparse[3 * 1024 * 1024] = 5;
        byte[] layer = bytes(List.of(
                LayerEntry.builder("bin", EntryType.DIRECTORY).mode(0555).mtime(t).build(),
                LayerEntry.builder("bin/su", EntryType.FILE).size(2).mode(04755).mtime(t).build(),
                LayerEntry.hardlink("bin/su2", "bin/su"),
                LayerEntry.symlink("sh", "/bin/busybox"),
                LayerEntry.builder("p", EntryType.FIFO).mode(0600).build(),
                LayerEntry.builder("var/log/lastlog", EntryType.FILE).size(sparse.length)
                        .sparse(List.of(new SparseRegion(3 * 1024 * 1024, 512))).build()),
                List.of(new byte[] {'o', 'k'}, sparse));
        Path root = Files.createDirectory(tmp.resolve("root"));
        SafeExtractor.extract(new ByteArrayInputStream(layer), root, ExtractOptions.DEFAULT);
        assertThat(Files.getAttribute(root.resolve("bin"), "unix:mode")).isEqualTo(040555);
        assertThat(Files.getLastModifiedTime(root.resolve("bin")).toInstant()).isEqualTo(t);
        assertThat(Files.getAttribute(root.resolve("bin/su"), "unix:mode")).isEqualTo(0104755);
        assertThat(Files.getLastModifiedTime(root.resolve("bin/su")).toInstant()).isEqualTo(t);
        assertThat(Files.getAttribute(root.resolve("bin/su2"), "unix:ino"))
                .isEqualTo(Files.getAttribute(root.resolve("bin/su"), "unix:ino"));
        assertThat(Files.readSymbolicLink(root.resolve("sh")).toString()).isEqualTo("/bin/busybox");
        assertThat(Files.isRegularFile(root.resolve("p"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat((Integer) Files.getAttribute(root.resolve("p"), "unix:mode") & 0170000).isEqualTo(010000);
        assertThat(Files.readAllBytes(root.resolve("var/log/lastlog"))).isEqualTo(sparse);
        String du = ExternalCommand.check(root, "du", "-k", "var/log/lastlog").out();
        assertThat(Long.parseLong(du.split("\\s+")[0])).as("KiB allocated for a 4 MiB sparse file").isLessThan(1024);
    }

    private static byte[] bytes(List<LayerEntry> entries, List<byte[]> contents) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        int next = 0;
        try (LayerWriter writer = LayerWriter.open(out, Compression.ZSTD, LayerWriteOptions.DEFAULT)) {
            for (LayerEntry e : entries) {
                writer.add(e, e.type() == EntryType.FILE && e.size() > 0 ? new ByteArrayInputStream(contents.get(next++)) : null);
            }
            writer.finish();
        }
        return out.toByteArray();
    }

    @Test
    void whiteoutsDeleteLowerPathsAndOpaqueDirectoriesKeepOnlyThisLayersChildren() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Files.createDirectories(root.resolve("a"));
        Files.writeString(root.resolve("a/b"), "lower");
        Files.writeString(root.resolve("a/c"), "lower");
        Files.createDirectories(root.resolve("d/sub"));
        Files.writeString(root.resolve("d/e"), "lower");
        Files.writeString(root.resolve("d/sub/deep"), "lower");
        byte[] layer = bytes(List.of(
                LayerEntry.file("d/new", 2),
                LayerEntry.directory("d/sub"),
                LayerEntry.whiteout("a/b"),
                LayerEntry.opaqueWhiteout("d"),
                LayerEntry.file("d/later", 2),
                LayerEntry.whiteout("d/later")),
                List.of("n1".getBytes(StandardCharsets.UTF_8), "n2".getBytes(StandardCharsets.UTF_8)));
        SafeExtractor.extract(new ByteArrayInputStream(layer), root, ExtractOptions.DEFAULT);
        assertThat(listing(root.resolve("a"))).containsExactly("c");
        assertThat(listing(root.resolve("d"))).containsExactly("later", "new", "sub");
        assertThat(listing(root.resolve("d/sub"))).isEmpty();
    }

    @Test
    void keepModeWritesWhiteoutsAsPlainFiles() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("root"));
        byte[] layer = bytes(List.of(LayerEntry.whiteout("a/b"), LayerEntry.opaqueWhiteout("d")), List.of());
        SafeExtractor.extract(new ByteArrayInputStream(layer), root,
                ExtractOptions.DEFAULT.withWhiteouts(ExtractOptions.WhiteoutMode.KEEP));
        assertThat(Files.exists(root.resolve("a/.wh.b"))).isTrue();
        assertThat(Files.exists(root.resolve("d/.wh..wh..opq"))).isTrue();
    }

    @Test
    void overlayModeWritesCharDeviceWhiteoutsAndOpaqueXattrs() throws Exception {
        Tools.requireRoot("mknod and trusted.* xattrs need root");
        Tools.require("getfattr");
        Path root = Files.createDirectory(tmp.resolve("root"));
        Path lower = Files.createDirectories(tmp.resolve("lower/a"));
        Files.writeString(lower.resolve("b"), "hidden");
        byte[] layer = bytes(List.of(LayerEntry.directory("d"), LayerEntry.whiteout("a/b"), LayerEntry.opaqueWhiteout("d")),
                List.of());
        SafeExtractor.Result result = SafeExtractor.extract(new ByteArrayInputStream(layer), root,
                ExtractOptions.asRoot(ExtractOptions.WhiteoutMode.OVERLAY), OverlayStack.of(List.of(tmp.resolve("lower"))));
        // the whiteout needed a directory the layer only implies: the tree belongs to this stack
        assertThat(result.dependsOnLowers()).isTrue();
        Path node = root.resolve("a/b");
        assertThat((Integer) Files.getAttribute(node, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000).isEqualTo(020000);
        assertThat(Files.getAttribute(node, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0L);
        String xattr = ExternalCommand.check(root, "getfattr", "-n", "trusted.overlay.opaque", "--only-values", "d").out();
        assertThat(xattr).isEqualTo("y");
        String user = ExternalCommand.check(root, "getfattr", "-n", "user.overlay.opaque", "--only-values", "d").out();
        assertThat(user).isEqualTo("y");
    }

    @Test
    void devicesAreCreatedOnlyWhenAllowed() throws Exception {
        Tools.requireRoot("mknod needs root");
        byte[] layer = bytes(List.of(LayerEntry.builder("dev/null", EntryType.CHAR_DEVICE).mode(0666).device(1, 3).build()),
                List.of());
        Path skipped = Files.createDirectory(tmp.resolve("skipped"));
        SafeExtractor.extract(new ByteArrayInputStream(layer), skipped, ExtractOptions.DEFAULT.withDevices(DevicePolicy.SKIP));
        assertThat(Files.exists(skipped.resolve("dev/null"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        Path root = Files.createDirectory(tmp.resolve("root"));
        SafeExtractor.extract(new ByteArrayInputStream(layer), root, ExtractOptions.asRoot(ExtractOptions.WhiteoutMode.APPLY));
        assertThat(Files.getAttribute(root.resolve("dev/null"), "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0x103L);
    }

    @Test
    void atomicExtractionRenamesACompleteTreeIntoPlace() throws Exception {
        byte[] layer = MaliciousLayers.layer(List.of());
        Path target = tmp.resolve("out/rootfs");
        LayerDigests d = SafeExtractor.extractAtomically(new ByteArrayInputStream(layer), target, ExtractOptions.DEFAULT);
        assertThat(Files.readAllBytes(target.resolve("ok/first"))).isEqualTo(MaliciousLayers.PAYLOAD);
        assertThat(d.digest()).isEqualTo(dev.kiln.oci.Digest.sha256(layer));
        assertThat(listing(tmp.resolve("out"))).containsExactly("rootfs");
    }

    @Test
    void atomicExtractionOfACorruptLayerLeavesNothing() throws Exception {
        byte[] layer = MaliciousLayers.layer(List.of(LayerEntry.file("ok/more", MaliciousLayers.PAYLOAD.length)));
        byte[] truncated = java.util.Arrays.copyOf(layer, layer.length - 30);
        Path target = tmp.resolve("out/rootfs");
        assertThatThrownBy(() -> SafeExtractor.extractAtomically(new ByteArrayInputStream(truncated), target,
                ExtractOptions.DEFAULT)).isInstanceOfAny(LayerFormatException.class, IOException.class);
        assertThat(listing(tmp.resolve("out"))).isEmpty();
    }
}
