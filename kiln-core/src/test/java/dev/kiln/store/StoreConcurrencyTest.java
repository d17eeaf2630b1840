package dev.kiln.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.image.ImageSource;
import dev.kiln.image.Images;
import dev.kiln.image.Layer;
import dev.kiln.oci.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreConcurrencyTest {

    @TempDir
    Path dir;

    private void assertEveryImageComplete(Store store, List<String> names) throws Exception {
        assertThat(store.images()).extracting(StoredImage::display).containsExactlyInAnyOrderElementsOf(names);
        for (String name : names) {
            try (ImageSource source = store.source(store.resolve(name))) {
                for (Layer layer : Images.resolve(source, Platform.host()).layers()) {
                    layer.measureUncompressed();
                }
            }
        }
    }

    private static List<String> names(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + ":" + i);
        }
        return names;
    }

    @Test
    void threadsWritingTagsAtOnceLoseNone() throws Exception {
        Path home = dir.resolve("home");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> jobs = new ArrayList<>();
        for (String prefix : List.of("a", "b", "c")) {
            jobs.add(pool.submit(() -> {
                StoreWriterProcess.writeImages(home, dir.resolve("scratch-" + prefix), prefix, 8, prefix.charAt(0));
                return null;
            }));
        }
        for (Future<?> job : jobs) {
            job.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        List<String> expected = new ArrayList<>(names("a", 8));
        expected.addAll(names("b", 8));
        expected.addAll(names("c", 8));
        assertEveryImageComplete(Store.open(home), expected);
    }

    @Test
    void processesWritingTagsAtOnceLoseNone() throws Exception {
        Path home = dir.resolve("home");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (String prefix : List.of("p", "q")) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    StoreWriterProcess.class.getName(), home.toString(), dir.resolve("scratch-" + prefix).toString(),
                    prefix, "10", String.valueOf((int) prefix.charAt(0)))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(prefix + ".log").toFile())
                    .start());
        }
        for (int i = 0; i < processes.size(); i++) {
            Process process = processes.get(i);
            assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as(Files.readString(dir.resolve((i == 0 ? "p" : "q") + ".log"))).isZero();
        }
        List<String> expected = new ArrayList<>(names("p", 10));
        expected.addAll(names("q", 10));
        assertEveryImageComplete(Store.open(home), expected);
    }

    @Test
    void gcRunningWhileImagesAreWrittenNeverTakesTheirBlobs() throws Exception {
        Path home = dir.resolve("home");
        Store store = Store.open(home);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> writer = pool.submit(() -> {
            try {
                StoreWriterProcess.writeImages(home, dir.resolve("scratch"), "w", 12, 99);
            } finally {
                writing.set(false);
            }
            return null;
        });
        Future<Integer> collector = pool.submit(() -> {
            int runs = 0;
            while (writing.get()) {
                store.gc();
                runs++;
            }
            return runs;
        });
        writer.get(2, TimeUnit.MINUTES);
        assertThat(collector.get(1, TimeUnit.MINUTES)).isPositive();
        pool.shutdown();
        store.gc();
        assertEveryImageComplete(store, names("w", 12));
    }
}
