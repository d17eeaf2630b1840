package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.kiln.store.Store;
import dev.kiln.testing.BusyboxRootfs;
import dev.kiln.testing.StoreBaseImages;
import dev.kiln.testing.Tools;
import dev.kiln.testing.UmociImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code java -jar kiln.jar} processes against one store: a build killed with SIGKILL in the
 * middle of a RUN leaves debris that {@code kiln gc} removes completely, and a gc started while a
 * {@code kiln run} is running waits for it instead of deleting its workspace and lowers.
 */
class StoreDebrisIT {

    private static final Path JAR = Path.of("target", "kiln.jar").toAbsolutePath();

    @TempDir
    Path dir;
    private Path home;

    @BeforeEach
    void setUp() {
        assumeThat(Tools.isRoot()).as("build and run need root for namespaces and overlay").isTrue();
        Tools.require("busybox");
        assertThat(JAR).exists();
        home = dir.resolve("home");
    }

    private Process kilnProcess(Path log, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("KILN_HOME", home.toString());
        return pb.start();
    }

    private KilnRun.Result kiln(String... args) {
        return new KilnRun(home).run(args);
    }

    private static List<Path> list(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.call()) {
            assertThat(process.isAlive()).as("kiln ended early:\n" + Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("timed out:\n" + Files.readString(log)).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void killTree(Process process) throws Exception {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly(); // SIGKILL: no finally blocks, no shutdown hooks
        process.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
    }

    @Test
    void gcAfterABuildKilledMidRunLeavesNoDebris() throws Exception {
        StoreBaseImages.busybox(Store.open(home), "bb:1", dir.resolve("scratch"));
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), """
                FROM bb:1
                RUN echo one > /one && sleep 60
                """);
        Path log = dir.resolve("build.log");
        Process build = kilnProcess(log, "build", "--no-cache", context.toString(), "-t", "sl:1");
        Path ingest = home.resolve("ingest");
        // mid RUN: the step's workspace is there and the command has had time to start its sleep
        waitFor(() -> list(ingest).stream().anyMatch(p -> p.getFileName().toString().startsWith("build-")
                && Files.isDirectory(p.resolve("run"))), build, log);
        Thread.sleep(1500);
        killTree(build);
        assertThat(list(ingest)).as("the killed build left its workspace").isNotEmpty();

        KilnRun.Result gc = kiln("gc");

        assertThat(gc.exitCode()).as(gc.err()).isZero();
        assertThat(list(ingest)).isEmpty();
        for (Path algorithm : list(home.resolve("layers"))) {
            if (!algorithm.getFileName().toString().equals("chains")) {
                assertThat(list(algorithm)).allSatisfy(p -> assertThat(p.getFileName().toString()).matches("[0-9a-f]{64}"));
            }
        }
        assertThat(kiln("images").out()).doesNotContain("sl");
        // and the store still builds
        Files.writeString(context.resolve("Dockerfile"), "FROM bb:1\nRUN echo one > /one\n");
        KilnRun.Result rebuilt = kiln("build", "--quiet", context.toString(), "-t", "sl:1");
        assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
    }

    @Test
    void gcWaitsForARunningContainerAndKeepsItsWorkspaceAndLowers() throws Exception {
        Path rootfs = BusyboxRootfs.create(dir.resolve("busybox"));
        // an image from a layout, not in the store: its unpacked lowers are not live for gc
        String image = UmociImage.create(rootfs, dir.resolve("layout"), "bb", List.of("/bin/sh"), List.of("PATH=/bin"));
        Path log = dir.resolve("run.log");
        Process run = kilnProcess(log, "run", image, "sh", "-c", "sleep 3; ls /bin/busybox && echo still-here");
        Path ingest = home.resolve("ingest");
        waitFor(() -> list(ingest).stream().anyMatch(p -> p.getFileName().toString().startsWith("run-")), run, log);
        List<Path> workspace = list(ingest);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> gc = CompletableFuture.supplyAsync(() -> Kiln.run(new Terminal(new PrintWriter(out, true),
                new PrintWriter(err, true), Map.of("KILN_HOME", home.toString()), false), "gc"));
        Thread.sleep(1000);
        assertThat(run.isAlive()).isTrue();
        assertThat(gc).as("gc waits for the run").isNotDone();
        assertThat(workspace).allSatisfy(p -> assertThat(p).exists());

        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("/bin/busybox\nstill-here\n");
        assertThat(gc.get(60, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(err.toString()).contains("waiting for running kiln");
        assertThat(list(ingest)).isEmpty();
        // the lowers of an image the store does not hold are not kept once nothing uses them
        assertThat(list(home.resolve("layers/sha256"))).isEmpty();
    }
}
