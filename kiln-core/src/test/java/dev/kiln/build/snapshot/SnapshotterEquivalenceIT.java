package dev.kiln.build.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.build.run.ChrootSandbox;
import dev.kiln.build.run.OutputSink;
import dev.kiln.build.run.RunResult;
import dev.kiln.build.run.RunSpec;
import dev.kiln.tar.Compression;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.ExtractOptions;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerWriteOptions;
import dev.kiln.tar.LayerWriter;
import dev.kiln.tar.SafeExtractor;
import dev.kiln.testing.BusyboxRootfs;
import dev.kiln.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same RUN over the same lowers, snapshotted by overlay and by walk, must give the same layer
 * entries; and the lowers plus the new layer, extracted, must give back the tree the RUN left.
 */
class SnapshotterEquivalenceIT {

    @TempDir
    static Path shared;
    static Path busybox;
    static Path base;

    @BeforeAll
    static void makeLowers() throws Exception {
        Tools.requireRoot("overlay mounts and namespaces need root");
        Tools.require("unshare");
        Tools.require("setpriv");
        busybox = BusyboxRootfs.create(shared.resolve("busybox"));
        base = Files.createDirectories(shared.resolve("base"));
        write("data/keep.txt", "keep");
        write("data/modify.txt", "old");
        write("data/chmod.txt", "chmod");
        write("data/chown.txt", "chown");
        write("data/delete.txt", "delete");
        write("data/xattr.txt", "has an xattr");
        Files.getFileAttributeView(base.resolve("data/xattr.txt"), UserDefinedFileAttributeView.class)
                .write("kiln.test", java.nio.ByteBuffer.wrap("v1".getBytes(StandardCharsets.UTF_8)));
        write("tree/a/b/c.txt", "c");
        write("tree/a/d.txt", "d");
        write("swap-dir/x.txt", "x");
        write("swap-file", "file");
        write("opaque/old1", "1");
        write("opaque/sub/old2", "2");
        Files.createDirectories(base.resolve("emptydir"));
        Files.createSymbolicLink(base.resolve("link"), Path.of("data/keep.txt"));
        // settle directory mtimes a little in the past so a change is always visible
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(1_600_000_000_000L));
                }
            }
        }
    }

    private static void write(String path, String content) throws Exception {
        Path file = base.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    static Stream<Arguments> operations() {
        return Stream.of(
                Arguments.of("create", "echo new > /data/new.txt && mkdir -p /newdir/sub && echo f > /newdir/sub/f"),
                Arguments.of("modifyContent", "echo changed > /data/modify.txt"),
                Arguments.of("chmodOnly", "chmod 600 /data/chmod.txt"),
                Arguments.of("chownOnly", "chown 1234:5678 /data/chown.txt"),
                Arguments.of("deleteFile", "rm /data/delete.txt"),
                Arguments.of("deleteDirTree", "rm -rf /tree"),
                Arguments.of("dirReplacedByFile", "rm -rf /swap-dir && echo now-a-file > /swap-dir"),
                Arguments.of("fileReplacedByDir", "rm /swap-file && mkdir /swap-file && echo in > /swap-file/in"),
                Arguments.of("symlinks", "ln -sfn data/modify.txt /link && ln -s /nowhere /dangling"),
                Arguments.of("hardlinks", "echo h > /data/h1 && ln /data/h1 /data/h2 && mkdir /hl && ln /data/h1 /hl/h3"),
                Arguments.of("xattrsKeptOnCopyUp", "chmod 640 /data/xattr.txt"),
                Arguments.of("opaqueRecreate", "rm -rf /opaque && mkdir /opaque && echo n > /opaque/new"),
                Arguments.of("emptyDirFilled", "echo e > /emptydir/e && rmdir /emptydir/ 2>/dev/null; true"),
                Arguments.of("everything", "echo changed > /data/modify.txt && rm /data/delete.txt && rm -rf /tree"
                        + " && rm -rf /opaque && mkdir /opaque && chmod 600 /data/chmod.txt && mkdir -p /var/lib/x"
                        + " && echo 1 > /var/lib/x/y"));
    }

    /** Times kept from the lowers must match; times the RUN set differ between the two runs by nature. */
    private static String mtime(java.time.Instant time) {
        return time.getEpochSecond() > 1_700_000_000L ? "set-by-run" : Long.toString(time.getEpochSecond());
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private record Outcome(List<String> entries, byte[] layer, Path postRunTree) {
    }

    private static Outcome snapshot(Snapshotter snapshotter, String script, Path dir) throws Exception {
        try (Snapshot snapshot = snapshotter.prepare(List.of(base, busybox), dir.resolve("ws"))) {
            RunSpec spec = RunSpec.of(snapshot.rootfs(), List.of("/bin/sh", "-c", script), List.of("PATH=/bin"))
                    .withTimeout(Duration.ofSeconds(60));
            RunResult result = new ChrootSandbox().run(spec, OutputSink.DISCARD);
            assertThat(result.exitCode()).as(String.join("\n", result.tail())).isZero();
            List<String> entries = new ArrayList<>();
            for (Change change : snapshot.changes()) {
                LayerEntry e = change.entry();
                String content = change.content() == null ? "" : TreeSnapshot.sha256(change.content());
                entries.add(e.path() + " " + e.type() + " " + Integer.toOctalString(e.mode()) + " " + e.uid() + ":" + e.gid()
                        + " " + e.size() + " " + e.linkTarget() + " " + content + " " + e.xattrs().keySet()
                        + (e.type() == EntryType.DIRECTORY ? "" : " " + mtime(e.mtime())));
            }
            ByteArrayOutputStream layer = new ByteArrayOutputStream();
            try (LayerWriter writer = LayerWriter.open(layer, Compression.NONE, LayerWriteOptions.DEFAULT)) {
                LayerDigests digests = snapshot.writeLayer(writer);
                assertThat(digests.uncompressedSize()).isEqualTo(layer.size());
            }
            // the tree the process saw at its end: the working root, or the upper dir over the lowers
            Path tree = dir.resolve("post-run");
            LayerMerge.materialize(dev.kiln.build.run.RootfsView.of(snapshot.rootfs()).layers(), tree);
            return new Outcome(entries, layer.toByteArray(), tree);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void overlayAndWalkGiveTheSameEntriesAndTheLayerRebuildsTheTree(String name, String script, @TempDir Path dir)
            throws Exception {
        Tools.requireOverlay(dir);
        Outcome overlay = snapshot(new OverlaySnapshotter(), script, dir.resolve("overlay"));
        Outcome walk = snapshot(new WalkSnapshotter(), script, dir.resolve("walk"));

        assertThat(overlay.entries()).as("overlay vs walk for: " + script).isNotEmpty().containsExactlyElementsOf(walk.entries());

        assertRebuildsTree(overlay, dir.resolve("rebuilt-overlay"));
        assertRebuildsTree(walk, dir.resolve("rebuilt-walk"));
    }

    private static void assertRebuildsTree(Outcome outcome, Path rebuilt) throws Exception {
        LayerMerge.materialize(List.of(base, busybox), rebuilt);
        SafeExtractor.extract(new ByteArrayInputStream(outcome.layer()), rebuilt, ExtractOptions.asRoot(ExtractOptions.WhiteoutMode.APPLY));
        Map<String, String> expected = TreeSnapshot.of(outcome.postRunTree(), List.of());
        Map<String, String> actual = TreeSnapshot.of(rebuilt, List.of());
        Map<String, String> differences = new java.util.TreeMap<>();
        for (String key : new java.util.TreeSet<>(union(expected.keySet(), actual.keySet()))) {
            if (!java.util.Objects.equals(expected.get(key), actual.get(key))) {
                differences.put(key, "after RUN: " + expected.get(key) + " | rebuilt: " + actual.get(key));
            }
        }
        assertThat(differences).as("lowers + new layer vs the tree the RUN left").isEmpty();
    }

    static Stream<Snapshotter> snapshotters() {
        return Stream.of(new OverlaySnapshotter(), new WalkSnapshotter());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snapshotters")
    void storedLayerServesAsTheNextStepsLowerDir(Snapshotter snapshotter, @TempDir Path dir) throws Exception {
        if (!(snapshotter instanceof WalkSnapshotter)) {
            Tools.requireOverlay(dir);
        }
        Path stored = dir.resolve("layers/step1");
        try (Snapshot first = snapshotter.prepare(List.of(base, busybox), dir.resolve("ws1"))) {
            RunSpec spec = RunSpec.of(first.rootfs(), List.of("/bin/sh", "-c",
                    "echo one > /data/step1 && rm /data/delete.txt && rm -rf /opaque && mkdir /opaque && echo n > /opaque/n"),
                    List.of("PATH=/bin"));
            assertThat(new ChrootSandbox().run(spec, OutputSink.DISCARD).exitCode()).isZero();
            assertThat(first.changes()).isNotEmpty();
            first.storeUnpacked(stored);
        }
        assertThat(Files.isDirectory(stored)).isTrue();
        try (Snapshot second = snapshotter.prepare(List.of(stored, base, busybox), dir.resolve("ws2"))) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            RunSpec spec = RunSpec.of(second.rootfs(), List.of("/bin/sh", "-c",
                    "cat /data/step1; ls /data/delete.txt 2>&1 | grep -c 'No such'; ls /opaque"), List.of("PATH=/bin"));
            RunResult result = new ChrootSandbox().run(spec, (stream, bytes, length) -> out.write(bytes, 0, length));
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("one\n1\nn\n");
            assertThat(result.exitCode()).isZero();
            assertThat(second.changes()).isEmpty();
        }
    }
}
