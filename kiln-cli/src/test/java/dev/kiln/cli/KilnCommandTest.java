package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KilnCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int kiln(String... args) {
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), false);
        return Kiln.run(terminal, args);
    }

    @Test
    void versionPrintsKilnAndJavaVersionAndExitsZero() {
        assertThat(kiln("--version")).isZero();
        assertThat(out.toString()).startsWith("kiln ").contains("Java ");
    }

    @Test
    void unknownFlagIsOneErrorLineWithExitTwoAndNoStackTrace() {
        assertThat(kiln("--no-such-flag")).isEqualTo(2);
        assertThat(err.toString()).startsWith("kiln: error: Unknown option: '--no-such-flag'");
        assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(err.toString().lines().filter(l -> l.startsWith("kiln: error:"))).hasSize(1);
    }

    @Test
    void unknownSubcommandIsBadUsage() {
        assertThat(kiln("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).startsWith("kiln: error: ");
    }

    @Test
    void helpListsTheHelpCommandAndExitCodes() {
        assertThat(kiln("--help")).isZero();
        assertThat(out.toString()).contains("Usage: kiln").contains("help").contains("Exit codes");
    }
}
