package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A name missing from the store whose registry is not there: one line saying both, no retries. */
class NotInStoreTest {

    /** Port 1 on loopback: nothing listens, the connection is refused at once. */
    private static final String MISSING = "127.0.0.1:1/nosuch:1";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"analyze", "run"})
    void aMistypedNameSaysItIsNotInTheStoreAndTheRegistryIsUnreachable(String command) {
        KilnRun.Result result = new KilnRun(dir.resolve("home")).run(command, MISSING);
        assertThat(result.exitCode()).as(result.err()).isNotZero();
        assertThat(result.errorLines()).as(result.err()).isEqualTo(1);
        assertThat(result.err()).contains(MISSING + " is not in the local store; ").contains("connection refused")
                .as("refused connections are not retried").doesNotContain("tries)");
    }

    @Test
    void aBuildFromAMistypedNameSaysBothWithItsDockerfileLine() throws Exception {
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), "FROM " + MISSING + "\n");
        KilnRun.Result result = new KilnRun(dir.resolve("home")).run("build", context.toString(), "-t", "x:1");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("Dockerfile:1").contains(MISSING + " is not in the local store; ")
                .contains("connection refused").doesNotContain("tries)");
    }
}
