package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input nested a thousand deep is a located error (exit 2), and a stack overflow anywhere is one line (exit 1). */
class NestingLimitsTest {

    @TempDir
    Path dir;

    private KilnRun.Result kiln(String... args) {
        return new KilnRun(dir.resolve("home")).run(args);
    }

    private static void assertOneLocatedError(KilnRun.Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.errorLines()).isEqualTo(1);
        assertThat(result.err()).contains(message).doesNotContain("\tat ").doesNotContain("StackOverflow");
    }

    @Test
    void lintOfThousandfoldNestedCommandSubstitutionsNamesTheFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("d"), "FROM a\nRUN " + "$(".repeat(1000) + "x" + ")".repeat(1000) + "\n");
        assertOneLocatedError(kiln("lint", file.toString()), file + ":2:205: command substitutions nested more than 100 deep");
        assertOneLocatedError(kiln("fix", file.toString()), file + ":2:205: command substitutions nested more than 100 deep");
    }

    @Test
    void buildAndLintOfThousandfoldNestedDefaultsNameTheFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("e"), "FROM scratch\nENV A=" + "${A:-".repeat(1000) + "x" + "}".repeat(1000) + "\n");
        Files.createDirectories(dir.resolve("ctx"));
        assertOneLocatedError(kiln("build", "-f", file.toString(), dir.resolve("ctx").toString()),
                "kiln: error: e:2:7: ${...} nested more than 100 deep"); // build names the file as BuildKit does
        KilnRun.Result lint = kiln("lint", file.toString());
        assertThat(lint.err()).doesNotContain("StackOverflow");
        assertThat(lint.exitCode()).isLessThan(2);
    }

    private static int overflow(int n) {
        return overflow(n + 1) + 1;
    }

    @Test
    void aStackOverflowThatEscapesACommandIsOneErrorLineWithExitOneAndTheTraceOnlyWithDebug() {
        StringWriter err = new StringWriter();
        Terminal terminal = new Terminal(new PrintWriter(new StringWriter()), new PrintWriter(err, true), Map.of(), false);
        assertThat(Kiln.guarded(terminal, new String[] {"lint", "x"}, () -> overflow(0))).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("kiln: error: internal error: stack overflow (input nested too deeply?); "
                + "run with --debug for the stack trace" + System.lineSeparator());

        StringWriter debugErr = new StringWriter();
        Terminal debug = new Terminal(new PrintWriter(new StringWriter()), new PrintWriter(debugErr, true), Map.of(), false);
        assertThat(Kiln.guarded(debug, new String[] {"--debug", "lint", "x"}, () -> overflow(0))).isEqualTo(1);
        assertThat(debugErr.toString()).startsWith("kiln: error: internal error: stack overflow").contains("\tat ");
    }

    @Test
    void aStackOverflowWrappedByAWorkerThreadIsReportedAsSuch() {
        StringWriter err = new StringWriter();
        Terminal terminal = new Terminal(new PrintWriter(new StringWriter()), new PrintWriter(err, true), Map.of(), false);
        int code = Kiln.guarded(terminal, new String[0], () -> {
            throw new IllegalStateException("worker failed", new StackOverflowError());
        });
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("kiln: error: internal error: stack overflow").doesNotContain("\tat ");
    }
}
