package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.event.EventSink;
import dev.kiln.format.dockerarchive.DockerArchiveSink;
import dev.kiln.format.layout.LayoutSource;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.CopyOptions;
import dev.kiln.image.Image;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.image.Images;
import dev.kiln.image.Layer;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.Platform;
import dev.kiln.ref.ImageReference;
import dev.kiln.store.Store;
import dev.kiln.store.StoredImage;
import dev.kiln.tar.Compression;
import dev.kiln.testing.KilnJar;
import dev.kiln.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL a real {@code java -jar kiln.jar load} of a ~200 MB docker archive at different moments:
 * each time the store must still read, list no half image, and every image it lists must verify;
 * then a normal load succeeds and {@code gc} removes what the killed ones left.
 */
class LoadKillIT {

    @TempDir
    Path dir;

    /** A docker archive of 5 uncompressed layers of random files, about 200 MB. */
    private Path bigArchive() throws Exception {
        OciLayout layout = OciLayout.create(dir.resolve("layout"));
        Descriptor root = TestImages.write(layout.blobs(), 5, Compression.NONE, 42, Platform.host(), 9_000_000).manifest();
        Path archive = dir.resolve("big.tar");
        try (ImageSource source = new LayoutSource(layout.blobs(), root, "layout");
             ImageSink sink = new DockerArchiveSink(archive, List.of(ImageReference.parse("big:1.0.0-1")),
                     DockerArchiveSink.Form.CLASSIC, "archive")) {
            new ImageCopier(EventSink.NONE).copy(source, sink, CopyOptions.DEFAULT);
        }
        return archive;
    }

    private Process load(Path home, Path archive, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", KilnJar.require().toString(), "load", "--quiet", archive.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("KILN_HOME", home.toString());
        return pb.start();
    }

    /** Every listed image reads completely and verifies; returns their names. */
    private static List<String> verifiedImages(Store store) throws Exception {
        List<String> names = new ArrayList<>();
        for (StoredImage stored : store.images()) {
            try (ImageSource source = store.source(stored)) {
                Image image = Images.resolve(source, Platform.host());
                for (Layer layer : image.layers()) {
                    layer.measureUncompressed();
                }
            }
            names.add(stored.display());
        }
        return names;
    }

    private static Set<Path> partials(Path ingest) throws Exception {
        if (!Files.isDirectory(ingest)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(ingest)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".partial")).collect(java.util.stream.Collectors.toSet());
        }
    }

    /** The size of the biggest temp file the running load has made, or -1 while it has made none. */
    private static long newPartialBytes(Path ingest, Set<Path> before) throws Exception {
        long most = -1;
        for (Path file : partials(ingest)) {
            if (!before.contains(file)) {
                try {
                    most = Math.max(most, Files.size(file));
                } catch (java.nio.file.NoSuchFileException renamed) {
                    most = Math.max(most, 0); // committed meanwhile
                }
            }
        }
        return most;
    }

    @Test
    void killedLoadsNeverListHalfAnImageAndGcCleansUp() throws Exception {
        KilnJar.require();
        Path archive = bigArchive();
        assertThat(Files.size(archive)).isGreaterThan(190_000_000L);

        Path home = dir.resolve("home");
        Path ingest = Store.open(home).ingestDir();
        int killedMidway = 0;
        // Kill points by how far the current blob write has got, not by time: a time would make the
        // test depend on the machine's speed (a load whose earlier blobs survived a kill is quick).
        // The last kill comes after a pause, to land anywhere, also after the blobs (index write).
        long[] killAtBytes = {0, 1 << 20, 8 << 20, 24 << 20, -1};
        for (int i = 0; i < killAtBytes.length; i++) {
            Set<Path> before = partials(ingest);
            Process process = load(home, archive, dir.resolve("kill-" + i + ".log"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long target = Math.max(killAtBytes[i], 0);
            while (process.isAlive() && System.nanoTime() < deadline && newPartialBytes(ingest, before) < target) {
                Thread.sleep(1);
            }
            if (killAtBytes[i] < 0) {
                Thread.sleep(1500);
            }
            process.destroyForcibly();   // SIGKILL on Linux: no shutdown hooks, no finally blocks
            assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
            Store store = Store.open(home);
            List<String> listed = verifiedImages(store);
            assertThat(listed).as("kill %d", i).isSubsetOf(List.of("big:1.0.0-1"));
            long left = partials(ingest).size() + (listed.isEmpty() ? store.blobs().list().size() : 0);
            if (listed.isEmpty() && left > 0) {
                killedMidway++;
            }
            System.out.printf("kill %d, at %d bytes of a blob write: listed %s, %d temp files and unlisted blobs%n",
                    i, killAtBytes[i], listed, left);
        }
        assertThat(killedMidway).as("kills that hit a load in the middle (of " + killAtBytes.length + ")")
                .isGreaterThanOrEqualTo(2);

        Process normal = load(home, archive, dir.resolve("normal.log"));
        assertThat(normal.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(normal.exitValue()).as(Files.readString(dir.resolve("normal.log"))).isZero();
        assertThat(Files.readString(dir.resolve("normal.log"))).contains("Loaded image: big:1.0.0-1");

        Store store = Store.open(home);
        KilnRun.Result gc = new KilnRun(home).run("gc");
        assertThat(gc.exitCode()).as(gc.err()).isZero();
        assertThat(verifiedImages(store)).containsExactly("big:1.0.0-1");
        try (Stream<Path> files = Files.list(store.ingestDir())) {
            assertThat(files).isEmpty();
        }
        Set<Digest> needed = new HashSet<>();
        try (ImageSource source = store.source(store.resolve("big:1.0.0-1"))) {
            Image image = Images.resolve(source, Platform.host());
            needed.add(image.descriptor().digest());
            needed.add(image.configDescriptor().digest());
            image.layers().forEach(l -> needed.add(l.descriptor().digest()));
        }
        assertThat(Set.copyOf(store.blobs().list())).isEqualTo(needed);
    }
}
