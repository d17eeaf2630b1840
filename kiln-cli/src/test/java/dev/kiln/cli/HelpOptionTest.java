package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command in the tree, however deep, answers {@code --help}: the hint on every usage error relies on it. */
class HelpOptionTest {

    @TempDir
    Path dir;

    /** Every command path under {@code kiln}, walked from the tree itself so a new command is covered at once. */
    static Stream<String> commandPaths() {
        Terminal quiet = new Terminal(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of(), false);
        List<String> paths = new ArrayList<>();
        collect(Kiln.commandLine(quiet), "", paths);
        return paths.stream();
    }

    private static void collect(CommandLine command, String prefix, List<String> into) {
        for (var entry : command.getSubcommands().entrySet()) {
            // picocli lists each alias as its own entry; the command's own name is enough
            if (!entry.getKey().equals(entry.getValue().getCommandName())) {
                continue;
            }
            String path = (prefix + " " + entry.getKey()).strip();
            into.add(path);
            collect(entry.getValue(), path, into);
        }
    }

    @ParameterizedTest(name = "kiln {0} --help")
    @MethodSource("commandPaths")
    void everyCommandPrintsItsUsageForHelpWithExitZero(String path) {
        KilnRun.Result result = new KilnRun(dir.resolve("home")).run(args(path, "--help"));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Usage: kiln " + path);
        assertThat(result.err()).isEmpty();
        assertThat(dir.resolve("home")).as("help touches no store").doesNotExist();
    }

    @ParameterizedTest(name = "kiln {0} --bogus")
    @MethodSource("commandPaths")
    void theHintAfterAUsageErrorNamesAHelpThatWorks(String path) {
        KilnRun kiln = new KilnRun(dir.resolve("home"));
        KilnRun.Result wrong = kiln.run(args(path, "--no-such-option"));
        assertThat(wrong.exitCode()).isEqualTo(2);
        String hint = wrong.err().lines().filter(l -> l.startsWith("Run '")).findFirst().orElseThrow();
        String suggested = hint.substring("Run '".length(), hint.indexOf("' for usage"));
        assertThat(suggested).startsWith("kiln ");
        KilnRun.Result help = kiln.run(suggested.substring("kiln ".length()).split(" "));
        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).contains("Usage: " + suggested.substring(0, suggested.length() - " --help".length()));
    }

    @Test
    void helpFollowsThePathToASubSubcommand() {
        KilnRun kiln = new KilnRun(dir.resolve("home"));
        KilnRun.Result result = kiln.run("help", "layer", "extract");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: kiln layer extract");
        KilnRun.Result unknown = kiln.run("help", "layer", "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errorLines()).isEqualTo(1);
        assertThat(unknown.err()).contains("'kiln layer' has no subcommand 'nope'");
    }

    private static String[] args(String path, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(path.split(" ")));
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }
}
