package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small mistakes get a message that says what is wrong, not an internal one, and change nothing. */
class SmallMistakesTest {

    private static final String DIGEST = "sha256:" + "0".repeat(64);

    @TempDir
    Path dir;
    private KilnRun kiln;

    @BeforeEach
    void setUp() throws Exception {
        kiln = new KilnRun(dir.resolve("home"));
        Files.createDirectories(dir.resolve("rootfs/etc"));
        Files.writeString(dir.resolve("rootfs/etc/hostname"), "kiln\n");
        assertThat(kiln.run("import", dir.resolve("rootfs").toString(), "-t", "bb:1").exitCode()).isZero();
    }

    private void assertOneError(KilnRun.Result result, String... parts) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.errorLines()).as(result.err()).isEqualTo(1);
        assertThat(result.err()).contains(parts).doesNotContain("store names need").doesNotContain("\tat ");
    }

    @Test
    void aNameToGiveWithADigestIsRefusedInUsersTerms() {
        assertOneError(kiln.run("squash", "bb:1", "--all", "-t", "x:1@" + DIGEST), "a name to give an image cannot carry a digest");
        assertOneError(kiln.run("copy", "bb:1", "x:2@" + DIGEST), "a name to give an image cannot carry a digest");
        assertThat(kiln.run("images").out()).doesNotContain("x:1").doesNotContain("x:2");
    }

    @Test
    void exportToARegistryLookingNameRefusesInsteadOfTaggingTheStore() {
        assertOneError(kiln.run("export", "bb:1", "--output", "registry.example/x:1"),
                "--output registry.example/x:1 is a store name", "docker://registry.example/x:1");
        assertThat(kiln.run("images").out()).doesNotContain("registry.example");
        assertThat(kiln.run("export", "bb:1", "--output", "y:1").exitCode()).isZero();
    }

    @Test
    void aMissingTargetOfAFileWithoutStageNamesSaysSo() throws Exception {
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), "FROM bb:1\n");
        assertOneError(kiln.run("build", context.toString(), "--target", "nosuch"),
                "--target nosuch: Dockerfile has no such stage (its stages have no names, only the numbers 0 to 0;"
                        + " name one with FROM ... AS NAME)");
        Files.writeString(context.resolve("Dockerfile"), "FROM bb:1 AS base\nFROM base AS app\n");
        assertOneError(kiln.run("build", context.toString(), "--target", "nosuch"), "(its stages: base, app)");
    }

    @Test
    void aBadInitBinaryOrOutputFileFailsBeforeAnyStepRuns() throws Exception {
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("a"), "a\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM bb:1\nCOPY a /a\n");
        KilnRun.Result init = kiln.run("build", context.toString(), "-t", "i:1", "--init", "--init-binary",
                dir.resolve("nonexist").toString());
        assertOneError(init, "--init: " + dir.resolve("nonexist") + " is not a file");
        assertThat(init.out() + init.err()).doesNotContain("COPY a /a");
        Path file = Files.writeString(dir.resolve("afile"), "");
        KilnRun.Result output = kiln.run("build", context.toString(), "--output", "oci:" + file);
        assertOneError(output, "--output oci:" + file + ": " + file + " exists and is not a directory");
        assertThat(output.out() + output.err()).doesNotContain("COPY a /a");
        KilnRun.Result archive = kiln.run("build", context.toString(), "--output", "docker-archive:" + context + ":x:1");
        assertOneError(archive, context + " is a directory");
        assertThat(archive.out() + archive.err()).doesNotContain("COPY a /a");
    }
}
