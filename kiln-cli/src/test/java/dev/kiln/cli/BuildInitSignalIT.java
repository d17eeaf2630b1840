package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.ExternalCommand;
import dev.kiln.testing.Tools;
import dev.kiln.testing.UmociCrun;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --init}: tini is PID 1 and passes SIGTERM on to the app, which a bare PID 1 would ignore.
 * Shown with crun on an umoci bundle (no kiln in the way) and through the real {@code ./kiln run}
 * launcher. The bounds are generous: this is behaviour, not a benchmark.
 */
class BuildInitSignalIT {

    private static final long STOP_BOUND_MS = 5_000;

    @TempDir
    Path tmp;

    BuildHarness h;

    @BeforeEach
    void images() throws Exception {
        Tools.require("busybox");
        Tools.require("tini-static");
        h = new BuildHarness(tmp).withBusybox("busybox:test");
        Path ctx = h.context("sleeper", Map.of("Dockerfile", """
                FROM busybox:test
                CMD ["sh", "-c", "echo ready; exec sleep 1000"]
                """));
        assertThat(h.kiln("build", "--init", "-t", "sleeper:init", ctx.toString())).as(h.err()).isZero();
        assertThat(h.kiln("build", "-t", "sleeper:bare", ctx.toString())).as(h.err()).isZero();
    }

    @Test
    void sigtermFromTheRuntimeReachesTheAppThroughTini() throws Exception {
        Tools.require("umoci");
        Path crun = Tools.require("crun");
        long withInit = stopWithCrun(crun, "sleeper:init");
        assertThat(withInit).as("ms until the container stopped after SIGTERM").isLessThan(STOP_BOUND_MS);
        long bare = stopWithCrun(crun, "sleeper:bare");
        assertThat(bare).as("a bare PID 1 ignores SIGTERM, so the container outlives the signal").isGreaterThanOrEqualTo(2_000);
    }

    /** Starts the image with crun, sends SIGTERM when it is ready; ms until it stopped (killed after 2 s). */
    private long stopWithCrun(Path crun, String image) throws Exception {
        String name = image.replace(':', '-');
        UmociCrun.Bundle unpacked = h.umoci(image);
        unpacked.noTerminal();
        Path bundle = unpacked.dir();
        String id = "kiln-sig-" + name + "-" + ProcessHandle.current().pid();
        String script = "if mountpoint -q /sys/fs/cgroup/unified 2>/dev/null; then umount -l /sys/fs/cgroup/unified; fi\n"
                + "exec \"$0\" --cgroup-manager=disabled run --bundle \"$1\" \"$2\"";
        Process process = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script,
                crun.toString(), bundle.toString(), id).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            long sent = System.nanoTime();
            ExternalCommand.check(null, crun.toString(), "kill", id, "TERM");
            boolean stopped = process.waitFor(2, TimeUnit.SECONDS);
            long elapsed = (System.nanoTime() - sent) / 1_000_000;
            if (!stopped) {
                ExternalCommand.run(null, List.of(crun.toString(), "kill", id, "KILL"));
                process.waitFor(10, TimeUnit.SECONDS);
            }
            return elapsed;
        } finally {
            process.destroyForcibly();
            ExternalCommand.run(null, List.of(crun.toString(), "delete", "-f", id));
        }
    }

    @Test
    void sigtermToTheKilnRunProcessStopsTheApp() throws Exception {
        Path launcher = Path.of(System.getProperty("user.dir")).getParent().resolve("kiln");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "run", "sleeper:init").redirectErrorStream(true);
        builder.environment().put("KILN_SKIP_BUILD", "1");
        builder.environment().putAll(h.env);
        Process process = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("ready"));
            assertThat(line).as("the app started").isEqualTo("ready");
            long sent = System.nanoTime();
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(STOP_BOUND_MS, TimeUnit.MILLISECONDS)).as("kiln run stopped after SIGTERM").isTrue();
            assertThat((System.nanoTime() - sent) / 1_000_000).isLessThan(STOP_BOUND_MS);
        } finally {
            process.destroyForcibly();
        }
    }
}
