package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.BusyboxRootfs;
import dev.kiln.testing.DebianMinbase;
import dev.kiln.testing.Tools;
import dev.kiln.testing.UmociImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code kiln run} end to end: images packed by umoci, both sandboxes, a real Debian base. */
class RunCommandIT {

    @TempDir
    static Path shared;
    static String busybox;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void image() throws Exception {
        Tools.requireRoot("kiln run needs root for namespaces and overlay");
        Path rootfs = BusyboxRootfs.create(shared.resolve("busybox"));
        busybox = UmociImage.create(rootfs, shared.resolve("layout"), "bb", List.of("/bin/sh", "-c", "echo from-cmd"),
                List.of("PATH=/bin", "GREETING=hello"));
    }

    static Stream<String> runtimes() {
        return Stream.of("crun", "chroot");
    }

    private int kiln(String runtime, String... args) {
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("KILN_HOME", shared.resolve("home").toString(), "KILN_RUNTIME", runtime), false);
        return Kiln.run(terminal, args);
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void echoPrintsAndTheImagesCmdRunsWhenNoneIsGiven(String runtime) {
        assertThat(kiln(runtime, "run", busybox, "echo", "hi")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("hi\n");
        assertThat(kiln(runtime, "run", "--rm", busybox)).isZero();
        assertThat(out.toString()).isEqualTo("hi\nfrom-cmd\n");
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void userEnvWorkdirAndPidOneAreApplied(String runtime) {
        assertThat(kiln(runtime, "run", "--user", "1234", "-e", "EXTRA=x", "-w", "/tmp", busybox,
                "sh", "-c", "id -u; echo $GREETING $EXTRA; pwd; echo $$")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("1234\nhello x\n/tmp\n1\n");
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void networkNoneLeavesOnlyLoopbackAndExitCodesPropagate(String runtime) {
        assertThat(kiln(runtime, "run", "--network", "none", busybox, "ls", "/sys/class/net")).isZero();
        assertThat(out.toString()).isEqualTo("lo\n");
        assertThat(kiln(runtime, "run", busybox, "sh", "-c", "exit 7")).isEqualTo(7);
    }

    @Test
    void writesAreThrownAwayUsageErrorsAreTwoAndFailuresToStartAre125() {
        assertThat(kiln("chroot", "run", busybox, "sh", "-c", "echo x > /kept")).isZero();
        assertThat(kiln("chroot", "run", busybox, "ls", "/kept")).isNotZero();
        assertThat(kiln("chroot", "run", "--network", "bridge", busybox, "true")).isEqualTo(2);
        assertThat(kiln("chroot", "run", "--user", "nosuchuser", busybox, "true")).isEqualTo(125);
        assertThat(err.toString()).contains("kiln: error: user 'nosuchuser' is not in the image's /etc/passwd");
        assertThat(kiln("chroot", "run", "oci:" + shared.resolve("missing") + ":x", "true")).isEqualTo(125);
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void dockersExitCodesTellKilnsFailuresFromTheCommands(String runtime) {
        assertThat(kiln(runtime, "run", busybox, "/nonexist")).isEqualTo(127);
        assertThat(err.toString()).contains("kiln: error: /nonexist: no such file in the image");
        assertThat(kiln(runtime, "run", busybox, "nosuchcmd")).isEqualTo(127);
        assertThat(err.toString()).contains("kiln: error: nosuchcmd: not found in the image's PATH");
        assertThat(kiln(runtime, "run", busybox, "/etc")).isEqualTo(126);
        assertThat(kiln(runtime, "run", busybox, "/etc/passwd")).isEqualTo(126);
        assertThat(err.toString()).contains("kiln: error: /etc/passwd: permission denied (not executable)");
        assertThat(kiln(runtime, "run", busybox, "sh", "-c", "exit 127")).as("the command's own 127 passes through")
                .isEqualTo(127);
        assertThat(kiln(runtime, "run", busybox, "sh", "-c", "exit 2")).isEqualTo(2);
        assertThat(err.toString().lines().filter(l -> l.startsWith("kiln: error:")).count()).isEqualTo(4);
    }

    @Test
    void aDebootstrapDebianBaseRunsAptGet() throws Exception {
        Path rootfs = DebianMinbase.rootfs(shared.resolve("debian"));
        String debian = UmociImage.create(rootfs, shared.resolve("layout"), "debian", List.of("bash"),
                List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        assertThat(kiln("crun", "run", debian, "apt-get", "--version")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("apt ");
        assertThat(Files.list(shared.resolve("home/layers/sha256"))).isNotEmpty();
    }
}
