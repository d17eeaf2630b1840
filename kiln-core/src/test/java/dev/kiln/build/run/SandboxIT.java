package dev.kiln.build.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.BusyboxRootfs;
import dev.kiln.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both sandboxes against a real busybox root, plain and as an overlay: the same behaviour either way. */
class SandboxIT {

    private static final List<String> ENV = List.of("PATH=/bin:/usr/bin:/sbin:/usr/sbin", "HOME=/root");

    @TempDir
    static Path shared;
    static Path busybox;

    @BeforeAll
    static void makeRoot() throws Exception {
        Tools.requireRoot("sandboxes need root");
        Tools.require("unshare");
        busybox = BusyboxRootfs.create(shared.resolve("busybox"));
    }

    static Stream<String> sandboxes() {
        return Stream.of("crun", "chroot");
    }

    private static Sandbox sandbox(String name) throws Exception {
        Tools.require(name.equals("chroot") ? "setpriv" : name);
        return Sandboxes.named(name);
    }

    private static Rootfs overlay(Path dir) {
        return new Rootfs.Overlay(List.of(busybox), dir.resolve("upper"), dir.resolve("work"), dir.resolve("merged"));
    }

    record Output(RunResult result, String stdout, String stderr) {
    }

    private static Output run(Sandbox sandbox, RunSpec spec) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RunResult result = sandbox.run(spec, (stream, bytes, length) -> {
            synchronized (out) {
                (stream == OutputSink.Stream.STDOUT ? out : err).write(bytes, 0, length);
            }
        });
        return new Output(result, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static RunSpec sh(Rootfs rootfs, String script) {
        return RunSpec.of(rootfs, List.of("/bin/sh", "-c", script), ENV).withTimeout(Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void echoRunsAsPidOneAndReportsTheExitCode(String name, @TempDir Path dir) throws Exception {
        Output output = run(sandbox(name), sh(overlay(dir), "echo hi; echo pid=$$; echo oops >&2; exit 3"));
        assertThat(output.stdout()).as(output.stderr()).isEqualTo("hi\npid=1\n");
        assertThat(output.stderr()).contains("oops");
        assertThat(output.result().exitCode()).isEqualTo(3);
        assertThat(output.result().tail()).contains("hi", "oops");
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void userWorkdirAndEnvironmentAreApplied(String name, @TempDir Path dir) throws Exception {
        RunSpec spec = sh(overlay(dir), "id -u; id -g; id -G; pwd; echo $GREETING")
                .withUser(new ProcessUser(1234, 5678, List.of(27, 44))).withWorkdir("/srv/app");
        spec = new RunSpec(spec.rootfs(), spec.argv(), List.of("PATH=/bin", "GREETING=hello there"), spec.user(),
                spec.workdir(), spec.mounts(), spec.network(), spec.hostname(), spec.stdin(), spec.timeout());
        Output output = run(sandbox(name), spec);
        assertThat(output.stdout()).isEqualTo("1234\n5678\n5678 27 44\n/srv/app\nhello there\n");
        assertThat(output.result().exitCode()).isZero();
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void networkNoneHasOnlyLoopback(String name, @TempDir Path dir) throws Exception {
        Output none = run(sandbox(name), sh(overlay(dir), "ls /sys/class/net").withNetwork(Network.NONE));
        assertThat(none.stdout().split("\\s+")).containsExactly("lo");
        Output host = run(sandbox(name), sh(new Rootfs.Directory(busybox), "ls /sys/class/net"));
        assertThat(host.stdout().split("\\s+")).hasSizeGreaterThan(1);
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void devProcAndEtcBindsAreThereButNeverReachTheUpperDir(String name, @TempDir Path dir) throws Exception {
        Rootfs rootfs = overlay(dir);
        Output output = run(sandbox(name), sh(rootfs,
                "ls /dev/null /dev/zero /dev/urandom /dev/tty /dev/pts /dev/shm >/dev/null && echo dev-ok;"
                        + " test -r /proc/self/status && echo proc-ok;"
                        + " test -s /etc/resolv.conf && echo resolv-ok;"
                        + " echo x > /etc/resolv.conf 2>/dev/null || echo resolv-ro;"
                        + " echo data > /tmp/made"));
        assertThat(output.stdout()).isEqualTo("dev-ok\nproc-ok\nresolv-ok\nresolv-ro\n");
        Path upper = ((Rootfs.Overlay) rootfs).upperDir();
        try (Stream<Path> walk = Files.walk(upper)) {
            // /etc was copied up for the resolv.conf mount point; the stub is gone and its mtime is back
            assertThat(walk.map(p -> upper.relativize(p).toString()).filter(s -> !s.isEmpty()))
                    .containsExactlyInAnyOrder("etc", "tmp", "tmp/made");
        }
        assertThat(Files.getLastModifiedTime(upper.resolve("etc")))
                .isEqualTo(Files.getLastModifiedTime(busybox.resolve("etc")));
        assertThat(Files.getLastModifiedTime(upper.resolve("tmp")))
                .isNotEqualTo(Files.getLastModifiedTime(busybox.resolve("tmp")));
        assertThat(Files.exists(busybox.resolve("etc/resolv.conf"))).isFalse();
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void bindAndTmpfsMountsAreVisibleReadOnlyAndLeaveNoStub(String name, @TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("token"), "s3cret");
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.writeString(context.resolve("a.txt"), "from the context");
        Rootfs rootfs = overlay(dir);
        RunSpec spec = sh(rootfs, "cat /run/secrets/token; echo; cat /src/a.txt; echo;"
                + " touch /src/new 2>/dev/null || echo src-ro; echo t > /scratch/t && echo tmpfs-ok")
                .withMounts(List.of(new Mount.Bind(secret, "/run/secrets/token", true),
                        new Mount.Bind(context, "/src", true), new Mount.Tmpfs("/scratch", 1 << 20)));
        Output output = run(sandbox(name), spec);
        assertThat(output.stdout()).isEqualTo("s3cret\nfrom the context\nsrc-ro\ntmpfs-ok\n");
        Path upper = ((Rootfs.Overlay) rootfs).upperDir();
        try (Stream<Path> walk = Files.walk(upper)) {
            assertThat(walk.map(p -> upper.relativize(p).toString()).filter(s -> !s.isEmpty()))
                    .doesNotContain("run/secrets", "run/secrets/token", "src", "scratch", "etc/resolv.conf");
        }
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void aTimeoutKillsTheWholeTree(String name, @TempDir Path dir) throws Exception {
        // a duration no other process on the machine sleeps for, so the count below sees only ours
        String sleep = "sleep " + (100_000 + new java.util.Random().nextInt(800_000));
        RunSpec spec = sh(overlay(dir), sleep + " & " + sleep).withTimeout(Duration.ofSeconds(2));
        long start = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(sandbox(name), spec))
                .isInstanceOf(SandboxException.class).hasMessageContaining("did not finish");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        Process ps = new ProcessBuilder("sh", "-c", "ps -eo args | grep -c '^" + sleep + "$' || true").start();
        assertThat(new String(ps.getInputStream().readAllBytes()).strip()).isEqualTo("0");
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(dir.toString());
    }

    @ParameterizedTest
    @MethodSource("sandboxes")
    void anImageOfAHundredAndTwentyLayersWithStoreLengthPathsMountsAndMergesTopFirst(String name, @TempDir Path dir)
            throws Exception {
        List<Path> lowers = new java.util.ArrayList<>();
        for (int i = 0; i < 119; i++) {
            Path layer = Files.createDirectories(dir.resolve("home/layers/sha256/" + String.format("%064x", i) + "/etc"));
            Files.writeString(layer.resolve("layer" + i), i + "\n");
            Files.writeString(layer.resolve("top"), i + "\n");
            lowers.add(layer.getParent());
        }
        lowers.add(busybox);
        Rootfs rootfs = new Rootfs.Overlay(lowers, dir.resolve("upper"), dir.resolve("work"), dir.resolve("merged"));
        Output output = run(sandbox(name), sh(rootfs, "cat /etc/top /etc/layer0 /etc/layer118; ls /etc | grep -c layer"));
        assertThat(output.stdout()).as(output.stderr()).isEqualTo("0\n0\n118\n119\n");
        assertThat(output.result().exitCode()).isZero();
    }
}
