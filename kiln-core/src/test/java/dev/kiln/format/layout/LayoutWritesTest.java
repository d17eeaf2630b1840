package dev.kiln.format.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.image.ImageSink;
import dev.kiln.oci.Annotations;
import dev.kiln.oci.Descriptor;
import dev.kiln.tar.Compression;
import dev.kiln.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes to a plain layout directory: no skeleton after a failure, no tag lost to a concurrent writer. */
class LayoutWritesTest {

    @TempDir
    Path dir;

    private static void writeABlobAndFail(OciLayout layout) throws Exception {
        byte[] config = "{\"not\":\"committed\"}".getBytes();
        try (ImageSink sink = layout.sink(List.of("v1"), "out")) {
            sink.write(Descriptor.of("application/vnd.oci.image.config.v1+json", config), new ByteArrayInputStream(config));
            // the export fails here: no commit
        }
    }

    @Test
    void aFailedWriteToANewLayoutLeavesNoSkeleton() throws Exception {
        Path fresh = dir.resolve("fresh");
        writeABlobAndFail(OciLayout.create(fresh));
        assertThat(fresh).doesNotExist();

        Path empty = Files.createDirectories(dir.resolve("empty"));
        writeABlobAndFail(OciLayout.create(empty));
        assertThat(empty).isEmptyDirectory();
    }

    @Test
    void aFailedWriteToAnExistingLayoutKeepsIt() throws Exception {
        Path existing = dir.resolve("existing");
        OciLayout layout = OciLayout.create(existing);
        Descriptor root = TestImages.write(layout.blobs(), 1, Compression.GZIP, 3).manifest();
        layout.update(entries -> OciLayout.retag(entries, root, List.of("v0")));

        writeABlobAndFail(OciLayout.create(existing));

        assertThat(OciLayout.open(existing).find("v0")).isPresent();
        assertThat(existing.resolve("oci-layout")).isRegularFile();
    }

    @Test
    void concurrentTagUpdatesOfOneLayoutLoseNone() throws Exception {
        Path target = dir.resolve("shared");
        OciLayout first = OciLayout.create(target);
        Descriptor root = TestImages.write(first.blobs(), 1, Compression.GZIP, 4).manifest();
        int writers = 8;
        int tagsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                jobs.add(pool.submit(() -> {
                    OciLayout own = OciLayout.open(target); // as a separate process would
                    for (int t = 0; t < tagsEach; t++) {
                        String tag = "w" + writer + "-" + t;
                        own.update(entries -> OciLayout.retag(entries, root, List.of(tag)));
                    }
                    return null;
                }));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(first.manifests()).hasSize(writers * tagsEach)
                .allSatisfy(d -> assertThat(d.annotations()).containsKey(Annotations.REF_NAME));
    }
}
