package dev.kiln.build.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the process with an OCI runtime ({@code crun} or {@code runc}) from a generated
 * {@code config.json}. The runtime itself runs inside a private mount and PID namespace made by
 * {@code unshare}: the overlay root is mounted there (so it never shows on the host), the runtime's
 * state lives in a per-run directory, and killing kiln kills the runtime and the container with it.
 * On hosts whose cgroup v2 hierarchy is mounted beside v1 (a "hybrid" layout crun refuses), the v2
 * mount is hidden inside that namespace and cgroups are left alone, as buildah does for RUN.
 */
public final class OciRuntimeSandbox implements Sandbox {

    private final String runtime;

    /** @param runtime {@code crun} or {@code runc} */
    public OciRuntimeSandbox(String runtime) {
        if (!runtime.equals("crun") && !runtime.equals("runc")) {
            throw new IllegalArgumentException("unknown OCI runtime: " + runtime);
        }
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return runtime;
    }

    @Override
    public RunResult run(RunSpec spec, OutputSink output) throws SandboxException, InterruptedException {
        String binary = HostTools.require(runtime, "install it or set KILN_RUNTIME=chroot");
        String unshare = HostTools.require("unshare", "the OCI sandbox needs util-linux");
        String sh = HostTools.require("sh", "the OCI sandbox needs a POSIX shell");
        RootfsView view = RootfsView.of(spec.rootfs());
        Path scratch;
        String script;
        try {
            String workdir = view.resolve(spec.workdir());
            List<ResolvedMount> mounts = ResolvedMount.resolve(view, spec);
            MountStubs stubs = MountStubs.plan(view, ResolvedMount.targets(mounts));
            scratch = Files.createTempDirectory("kiln-" + runtime + "-");
            Files.createDirectories(scratch.resolve("bundle"));
            Files.createDirectories(scratch.resolve("state"));
            Files.write(scratch.resolve("bundle/config.json"), RuntimeConfig.json(spec, workdir, mounts));
            String setup = "if mountpoint -q /sys/fs/cgroup/unified 2>/dev/null; then umount -l /sys/fs/cgroup/unified; fi\n";
            script = SandboxScript.build(spec.rootfs(), workdir, stubs, setup, "");
        } catch (IOException e) {
            throw new SandboxException(dev.kiln.KilnException.Kind.FAILURE,
                    "cannot prepare the " + runtime + " bundle: " + e.getMessage(), e);
        }
        if (spec.rootfs() instanceof Rootfs.Overlay overlay) {
            new OverlayMountPlan(overlay).prepare();
        }
        String id = "kiln-" + HexFormat.of().formatHex(longBytes(ThreadLocalRandom.current().nextLong()));
        String state = scratch.resolve("state").toString();
        List<String> command = new ArrayList<>(List.of(unshare, "--mount", "--propagation", "private",
                "--pid", "--fork", "--kill-child", "--", sh, "-c", script, "kiln-sandbox", binary, "--root", state));
        if (runtime.equals("crun")) {
            command.add("--cgroup-manager=disabled");
        }
        command.addAll(List.of("run", "--bundle", scratch.resolve("bundle").toString(), id));
        Path dir = scratch;
        return SandboxProcess.run(command, spec, output, () -> cleanup(binary, state, id, dir));
    }

    private static byte[] longBytes(long value) {
        return java.nio.ByteBuffer.allocate(8).putLong(value).array();
    }

    /** Forgets the container (a killed run leaves its state behind) and the bundle. */
    private static void cleanup(String binary, String state, String id, Path scratch) {
        try {
            Process delete = new ProcessBuilder(binary, "--root", state, "delete", "--force", id)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            delete.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // nothing to delete or no runtime: the state dir goes below anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> walk = Files.walk(scratch)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }
}
