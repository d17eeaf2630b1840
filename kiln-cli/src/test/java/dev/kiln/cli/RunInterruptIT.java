package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.BusyboxRootfs;
import dev.kiln.testing.Tools;
import dev.kiln.testing.UmociImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ctrl-C reaches kiln as SIGINT: a real {@code java -jar kiln.jar run} with a process tree inside
 * must end, and leave no sandboxed process and no mount behind, with either sandbox.
 */
class RunInterruptIT {

    private static final Path JAR = Path.of("target", "kiln.jar").toAbsolutePath();

    @ParameterizedTest
    @ValueSource(strings = {"crun", "chroot"})
    void sigintKillsTheSandboxedTreeAndLeavesNoMount(String runtime, @TempDir Path dir) throws Exception {
        Tools.requireRoot("namespaces, mounts and owners");
        assertThat(JAR).as("kiln.jar, made by the package phase before the ITs").exists();
        String marker = "30" + (runtime.equals("crun") ? "11" : "12") + (System.nanoTime() % 1000);
        String image = UmociImage.create(BusyboxRootfs.create(dir.resolve("rootfs")), dir.resolve("layout"), "bb",
                List.of("/bin/sh"), List.of("PATH=/bin"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", JAR.toString(), "run", image, "sh", "-c",
                "sleep " + marker + " & sleep " + marker + "; echo never").redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile());
        pb.environment().put("KILN_HOME", dir.resolve("home").toString());
        pb.environment().put("KILN_RUNTIME", runtime);
        Process kiln = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(marker) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(count(marker)).as(Files.readString(dir.resolve("log"))).isEqualTo(2);

        new ProcessBuilder("kill", "-INT", Long.toString(kiln.pid())).start().waitFor();
        assertThat(kiln.waitFor(20, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(500);
        assertThat(count(marker)).as("sandboxed processes left").isZero();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(dir.toString());
        assertThat(Files.readString(dir.resolve("log"))).doesNotContain("never");
    }

    private static int count(String marker) throws Exception {
        Process ps = new ProcessBuilder("ps", "-eo", "args").start();
        String text = new String(ps.getInputStream().readAllBytes());
        ps.waitFor();
        return (int) text.lines().filter(l -> l.equals("sleep " + marker)).count();
    }
}
