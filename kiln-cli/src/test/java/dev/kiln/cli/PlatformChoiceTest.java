package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.kiln.oci.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --platform} is never silently ignored: a single image must be of it, unknown words fail up front. */
class PlatformChoiceTest {

    /** A platform that is not this machine's. */
    private static final String FOREIGN = "amd64".equals(Platform.host().architecture()) ? "linux/arm64" : "linux/amd64";
    private static final String HOST = Platform.host().toString();

    @TempDir
    Path dir;
    private KilnRun kiln;
    private Path context;

    @BeforeEach
    void setUp() throws Exception {
        kiln = new KilnRun(dir.resolve("home"));
        Files.createDirectories(dir.resolve("rootfs/etc"));
        Files.writeString(dir.resolve("rootfs/etc/hostname"), "kiln\n");
        context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("a"), "a\n");
        assertThat(kiln.run("import", dir.resolve("rootfs").toString(), "-t", "native:1").exitCode()).isZero();
        assertThat(kiln.run("import", "--platform", FOREIGN, dir.resolve("rootfs").toString(), "-t", "foreign:1")
                .exitCode()).isZero();
    }

    private void assertOneError(KilnRun.Result result, int code, String... parts) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(code);
        assertThat(result.errorLines()).as(result.err()).isEqualTo(1);
        assertThat(result.err()).contains(parts).doesNotContain("\tat ");
    }

    @Test
    void aSingleImageOfAnotherPlatformIsRefusedNamingBoth() {
        assertOneError(kiln.run("inspect", "--platform", FOREIGN, "native:1"), 2, "native:1", HOST, FOREIGN);
        assertOneError(kiln.run("analyze", "native:1", "--platform", FOREIGN), 2, HOST, FOREIGN);
        assertOneError(kiln.run("export", "native:1", "--platform", FOREIGN, "--output", "oci:" + dir.resolve("o")), 2,
                HOST, FOREIGN);
        assertOneError(kiln.run("copy", "--platform", FOREIGN, "native:1", "oci:" + dir.resolve("o2")), 2, HOST, FOREIGN);
        assertThat(kiln.run("inspect", "--platform", HOST, "native:1").exitCode()).isZero();
    }

    @Test
    void platformSpellingsAreNormalisedBeforeComparing() {
        kiln.run("import", "--platform", "linux/arm64/v8", dir.resolve("rootfs").toString(), "-t", "arm:1");
        assertThat(kiln.run("inspect", "--platform", "linux/aarch64", "arm:1").exitCode()).isZero();
        assertThat(kiln.run("inspect", "--platform", "arm64", "arm:1").exitCode()).isZero();
        assertThat(kiln.run("inspect", "--platform", "linux/arm64", "arm:1").exitCode()).isZero();
        assertOneError(kiln.run("inspect", "--platform", "linux/arm/v7", "arm:1"), 2, "linux/arm64", "linux/arm/v7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"build", "inspect", "analyze", "pull", "copy", "export", "run", "squash"})
    void unknownPlatformWordsFailAtOptionParsing(String command) {
        KilnRun.Result result = kiln.run(command, "--platform", "bogus", "native:1", "oci:" + dir.resolve("x"));
        assertOneError(result, 2, "kiln: error: --platform bogus: unknown architecture 'bogus'");
        assertThat(kiln.run(command, "--platform", "lnux/amd64", "native:1").err())
                .contains("kiln: error: --platform lnux/amd64: unknown operating system 'lnux'");
    }

    @Test
    void buildingForAnotherPlatformFromAHostImageFailsInsteadOfReusingTheHostBuild() throws Exception {
        Files.writeString(context.resolve("Dockerfile"), "FROM native:1\nCOPY a /a\n");
        assertThat(kiln.run("build", context.toString(), "-t", "t:1").exitCode()).isZero();
        assertOneError(kiln.run("build", context.toString(), "-t", "t:2", "--platform", FOREIGN), 2, HOST, FOREIGN);
        assertThat(kiln.run("inspect", "t:2").exitCode()).isEqualTo(2);
    }

    @Test
    void aScratchBuildForAnotherPlatformIsNoCacheHitOfTheHostBuild() throws Exception {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY a /a\n");
        KilnRun.Result host = kiln.run("build", context.toString(), "-t", "s:1");
        KilnRun.Result foreign = kiln.run("build", context.toString(), "-t", "s:2", "--platform", FOREIGN);
        assertThat(foreign.exitCode()).as(foreign.err()).isZero();
        assertThat(foreign.out().strip()).isNotEqualTo(host.out().strip());
        assertThat(kiln.run("inspect", "s:2").out()).contains(FOREIGN);
    }

    @Test
    void copyOnlyStagesBuildOnAForeignImageButRunNeedsEmulation() throws Exception {
        assumeFalse(Files.exists(Path.of("/proc/sys/fs/binfmt_misc/qemu-aarch64"))
                || Files.exists(Path.of("/proc/sys/fs/binfmt_misc/qemu-x86_64")), "this host has qemu-user emulation");
        Files.writeString(context.resolve("Dockerfile"), "FROM foreign:1\nCOPY a /a\n");
        KilnRun.Result copied = kiln.run("build", context.toString(), "-t", "c:1", "--platform", FOREIGN);
        assertThat(copied.exitCode()).as(copied.err()).isZero();
        assertThat(kiln.run("inspect", "c:1").out()).contains(FOREIGN);

        Files.writeString(context.resolve("Dockerfile"), "FROM foreign:1\nCOPY a /a\nRUN true\n");
        assertOneError(kiln.run("build", context.toString(), "-t", "c:2", "--platform", FOREIGN), 2,
                "Dockerfile:3 RUN needs " + FOREIGN + " emulation: not available on this " + HOST + " host");
    }

    @Test
    void fromPlatformBuildPlatformLetsAStageRunNativelyInACrossBuild() throws Exception {
        Files.writeString(context.resolve("Dockerfile"),
                "FROM --platform=$BUILDPLATFORM native:1 AS tools\nCOPY a /a\nFROM foreign:1\nCOPY --from=tools /a /b\n");
        KilnRun.Result result = kiln.run("build", context.toString(), "-t", "x:1", "--platform", FOREIGN);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(kiln.run("inspect", "x:1").out()).contains(FOREIGN);
        Files.writeString(context.resolve("Dockerfile"), "FROM --platform=linux/bogus native:1\n");
        assertOneError(kiln.run("build", context.toString(), "-t", "x:2"), 2, "Dockerfile:1", "unknown architecture 'bogus'");
    }
}
