package dev.kiln.cli;

import dev.kiln.build.ContainerRun;
import dev.kiln.build.run.ImageUser;
import dev.kiln.build.run.OutputSink;
import dev.kiln.build.run.RootfsView;
import dev.kiln.build.run.RunResult;
import dev.kiln.build.run.RunSpec;
import dev.kiln.build.run.Sandbox;
import dev.kiln.build.snapshot.Snapshot;
import dev.kiln.build.snapshot.Snapshotter;
import dev.kiln.image.Image;
import dev.kiln.store.UnpackedLayers;
import dev.kiln.tar.Compression;
import dev.kiln.tar.LayerWriteOptions;
import dev.kiln.tar.LayerWriter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code kiln run --bench N}: the cost of a build's RUN step outside the command itself, measured in
 * one JVM as a build pays it: prepare the root over the cached layers, run in the sandbox, read the
 * changes and write them as a layer (uncompressed, to nowhere). Prints mean and median per cycle.
 */
final class RunBench {

    private RunBench() {
    }

    static int run(Terminal terminal, Image image, UnpackedLayers layers, Snapshotter snapshotter, Sandbox sandbox,
            ContainerRun.Request request, Path scratch, int rounds) throws Exception {
        List<Path> lowers = layers.unpack(image);
        Files.createDirectories(scratch);
        List<String> argv = request.command();
        long[] nanos = new long[rounds];
        int warmup = Math.min(3, rounds);
        int entries = 0;
        for (int i = -warmup; i < rounds; i++) {
            long start = System.nanoTime();
            Path workspace = Files.createTempDirectory(scratch, "bench-");
            try (Snapshot snapshot = snapshotter.prepare(lowers, workspace)) {
                RunSpec spec = RunSpec.of(snapshot.rootfs(), argv, List.of("PATH=" + ContainerRun.DEFAULT_PATH))
                        .withUser(ImageUser.resolve(request.user(), RootfsView.of(snapshot.rootfs())));
                RunResult result = sandbox.run(spec, OutputSink.DISCARD);
                if (result.exitCode() != 0) {
                    terminal.err().println("kiln: error: bench command exited " + result.exitCode() + ": " + result.tail());
                    return ErrorHandler.FAILURE;
                }
                try (LayerWriter writer = LayerWriter.open(OutputStream.nullOutputStream(), Compression.NONE,
                        LayerWriteOptions.DEFAULT)) {
                    entries = snapshot.changes().size();
                    snapshot.writeLayer(writer);
                }
            }
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
            }
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        terminal.out().printf("kiln run-step: %s/%s, %d rounds, mean %.1f ms, median %.1f ms, %d layer entries%n",
                sandbox.name(), snapshotter.name(), rounds, mean, sorted[rounds / 2] / 1e6, entries);
        return ErrorHandler.OK;
    }
}
