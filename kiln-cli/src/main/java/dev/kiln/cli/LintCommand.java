package dev.kiln.cli;

import dev.kiln.dockerfile.parser.DockerfileParseException;
import dev.kiln.dockerfile.parser.DockerfileParser;
import dev.kiln.lint.LintConfig;
import dev.kiln.lint.LintResult;
import dev.kiln.lint.Linter;
import dev.kiln.lint.Rule;
import dev.kiln.lint.Threshold;
import dev.kiln.lint.report.Format;
import dev.kiln.lint.report.ToolInfo;
import dev.kiln.lint.rules.Rules;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kiln lint}: hadolint's rules (same codes, config file, pragmas and exit codes) and kiln's own,
 * reported as tty, json, sarif, checkstyle, codeclimate, gitlab_codeclimate or gnu.
 */
@Command(name = "lint", description = {"Check Dockerfiles for hadolint's rules (same codes, .hadolint.yaml, pragmas) and kiln's (KL).",
        "Exit codes: 0 nothing at or above the threshold; 1 findings at or above it; 2 a file that does not parse or bad settings."})
final class LintCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @Mixin
    LintOptions options;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Dockerfiles to lint ('-' for standard input; a directory means its Dockerfile).")
    List<String> files = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "tty (default), json, sarif, checkstyle, codeclimate, gitlab_codeclimate or gnu.")
    String format;

    @Option(names = {"-t", "--failure-threshold"}, paramLabel = "LEVEL",
            description = "Exit 1 only for findings at or above LEVEL: error, warning, info (default), style, ignore or none.")
    String threshold;

    @Option(names = "--no-fail", description = "Exit 0 whatever is found (parse errors still exit 2).")
    boolean noFail;

    @Option(names = "--no-color", description = "No ANSI colours (also NO_COLOR=1).")
    boolean noColor;

    @Option(names = "--file-path-in-report", paramLabel = "NAME", description = "The file name reports use (for standard input).")
    String reportedName;

    @Option(names = "--list-rules", description = "List every rule: code, default level, title.")
    boolean listRules;

    LintCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        List<Rule> rules = Rules.all();
        if (listRules) {
            for (Rule r : rules) {
                terminal.out().printf("%-7s %-8s %s%n", r.info().code(), r.info().level().id(), r.info().title());
            }
            terminal.out().flush();
            return ErrorHandler.OK;
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("kiln lint: name at least one Dockerfile (or - for standard input)");
        }
        // options first: a bad one must be the only error, not one more after the files' own
        Optional<Format> chosenFormat = format == null ? Optional.empty() : Optional.of(format(format, "--format"));
        Optional<Threshold> chosenLimit = threshold == null ? Optional.empty() : Optional.of(threshold(threshold));
        List<LintResult> results = new ArrayList<>();
        LintConfig first = null;
        boolean broken = false;
        for (String arg : files) {
            DockerfileInput input;
            try {
                input = DockerfileInput.read(arg, terminal);
            } catch (NoSuchFileException e) {
                terminal.err().println("kiln: error: no such file or directory: " + dev.kiln.TerminalText.safe(e.getFile()));
                broken = true;
                continue;
            }
            LintConfig config = options.config(terminal, input.directory());
            if (first == null) {
                first = config;
            }
            String name = reportedName != null ? reportedName : input.name();
            try {
                results.add(new Linter(rules, config).lint(DockerfileParser.parse(name, input.text())));
            } catch (DockerfileParseException e) {
                DockerfileInput.printParseError(e, input.text(), terminal.err());
                broken = true;
            }
        }
        LintConfig settings = first != null ? first : options.config(terminal, Optional.empty());
        Format fmt = chosenFormat.isPresent() ? chosenFormat.get()
                : format(settings.format().orElse("tty"), "format (settings from " + String.join(", ", settings.sources()) + ")");
        Threshold limit = chosenLimit.orElse(settings.threshold());
        boolean color = fmt == Format.TTY && terminal.interactive() && !noColor && !settings.noColor();
        fmt.report(color, ToolInfo.KILN.withVersion(VersionProvider.version())).write(results, rules, terminal.out());
        if (broken) {
            return ErrorHandler.BAD_INPUT;
        }
        boolean fails = results.stream().anyMatch(r -> r.fails(limit));
        return fails && !noFail && !settings.noFail() ? ErrorHandler.FAILURE : ErrorHandler.OK;
    }

    private static Format format(String name, String where) {
        return Format.of(name).orElseThrow(() -> new IllegalArgumentException(where + ": unknown format \"" + name
                + "\" (tty, json, sarif, checkstyle, codeclimate, gitlab_codeclimate, gnu)"));
    }

    private static Threshold threshold(String name) {
        return Threshold.of(name).orElseThrow(() -> new IllegalArgumentException(
                "--failure-threshold: expected error, warning, info, style, ignore or none, got \"" + name + "\""));
    }
}
