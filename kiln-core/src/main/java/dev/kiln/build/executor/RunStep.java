package dev.kiln.build.executor;

import dev.kiln.KilnException;
import dev.kiln.build.run.ImageUser;
import dev.kiln.build.run.MountRequest;
import dev.kiln.build.run.Network;
import dev.kiln.build.run.OutputSink;
import dev.kiln.build.run.ProcessUser;
import dev.kiln.build.run.RootfsView;
import dev.kiln.build.run.RunMounts;
import dev.kiln.build.run.RunResult;
import dev.kiln.build.run.RunSpec;
import dev.kiln.build.run.Sandbox;
import dev.kiln.build.run.StepFailedException;
import dev.kiln.build.snapshot.Snapshot;
import dev.kiln.build.snapshot.Snapshotter;
import dev.kiln.tar.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs one RUN in a sandbox over the stage's unpacked layers and turns what it changed into a layer
 * (none when it changed nothing). The new layer's unpacked directory moves into the layer cache so
 * that the next step builds on it without extracting anything.
 */
public final class RunStep {

    /** What the command is and how it runs. */
    public record Command(String step, String display, List<String> argv, List<String> env, String user,
            String workdir, List<MountRequest> mounts, Network network) {
    }

    private final Sandbox sandbox;
    private final Snapshotter snapshotter;
    private final LayerOutput output;
    private final LowerLayers lowerLayers;
    private final Path scratch;
    private final Path cacheMounts;

    public RunStep(Sandbox sandbox, Snapshotter snapshotter, LayerOutput output, LowerLayers lowerLayers,
            Path scratch, Path cacheMounts) {
        this.sandbox = sandbox;
        this.snapshotter = snapshotter;
        this.output = output;
        this.lowerLayers = lowerLayers;
        this.scratch = scratch;
        this.cacheMounts = cacheMounts;
    }

    /** Runs the command; the layer it made, or empty when it changed no file. */
    public Optional<LayerOutput.Written> run(List<Path> lowersTopFirst, Command command, OutputSink sink)
            throws IOException, KilnException, InterruptedException {
        Files.createDirectories(scratch);
        Path workspace = Files.createTempDirectory(scratch, "step-");
        try (Snapshot snapshot = snapshotter.prepare(lowersTopFirst, workspace.resolve("snapshot"))) {
            ProcessUser user = ImageUser.resolve(command.user(), RootfsView.of(snapshot.rootfs()));
            RunResult result;
            try (RunMounts mounts = RunMounts.prepare(command.mounts(), cacheMounts, workspace.resolve("mounts"))) {
                RunSpec spec = RunSpec.of(snapshot.rootfs(), command.argv(), command.env())
                        .withUser(user)
                        .withWorkdir(command.workdir())
                        .withMounts(mounts.mounts())
                        .withNetwork(command.network());
                result = sandbox.run(spec, sink);
            }
            if (!result.succeeded()) {
                throw new StepFailedException(command.step(), command.display(), result.exitCode(), result.tail());
            }
            if (snapshot.changes().isEmpty()) {
                return Optional.empty();
            }
            LayerOutput.Written written = output.write(snapshot::writeLayer);
            lowerLayers.adopt(snapshot, written.diffId());
            return Optional.of(written);
        } finally {
            FileTrees.deleteRecursively(workspace);
        }
    }
}
