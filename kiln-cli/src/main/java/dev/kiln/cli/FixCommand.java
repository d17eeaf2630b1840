package dev.kiln.cli;

import dev.kiln.dockerfile.parser.DockerfileParseException;
import dev.kiln.lint.Linter;
import dev.kiln.lint.fix.AppliedFix;
import dev.kiln.AtomicFile;
import dev.kiln.lint.fix.FixResult;
import dev.kiln.lint.fix.Fixer;
import dev.kiln.lint.fix.UnifiedDiff;
import dev.kiln.lint.rules.Rules;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kiln fix}: applies the lint fixes that are safe (minimal edits at exact places; comments and
 * layout kept) and prints the fixed file, a unified diff, or rewrites the file atomically. Each
 * applied fix is listed on standard error with its rule.
 */
@Command(name = "fix", description = {"Apply the safe lint fixes: print the fixed Dockerfile, a diff (--diff), or rewrite it (--write).",
        "Exit codes: 0 done; 2 a file that does not parse or bad settings."})
final class FixCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @Mixin
    LintOptions options;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Dockerfiles to fix ('-' for standard input).")
    List<String> files = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Output output = new Output();

    static final class Output {
        @Option(names = "--diff", description = "Print a unified diff instead of the fixed file.")
        boolean diff;

        @Option(names = "--write", description = "Rewrite the files in place (atomically).")
        boolean write;
    }

    @Option(names = "--only", paramLabel = "CODE", split = ",", description = "Apply only these rules' fixes (comma-separated).")
    List<String> only = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "Do not list the applied fixes on standard error.")
    boolean quiet;

    FixCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        if (files.size() > 1 && !output.diff && !output.write) {
            throw new IllegalArgumentException("kiln fix: with several files, choose --diff or --write");
        }
        Set<String> codes = new HashSet<>();
        for (String c : only) {
            codes.add(c.trim().toUpperCase(Locale.ROOT));
        }
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
            if (output.write && input.path().isEmpty()) {
                throw new IllegalArgumentException("kiln fix: --write needs a file, not standard input");
            }
            Fixer fixer = new Fixer(new Linter(Rules.all(), options.config(terminal, input.directory())), codes);
            FixResult result;
            try {
                result = fixer.fix(input.name(), input.text());
            } catch (DockerfileParseException e) {
                DockerfileInput.printParseError(e, input.text(), terminal.err());
                broken = true;
                continue;
            }
            if (output.write && result.changed()) {
                AtomicFile.write(input.path().get(), result.fixed()); // "fixed" is said only once it is so
            }
            if (!quiet) {
                List<AppliedFix> applied = new ArrayList<>(result.applied());
                applied.sort(java.util.Comparator.comparingInt(AppliedFix::line));
                for (AppliedFix f : applied) {
                    terminal.err().println(input.name() + ":" + f.line() + ": fixed " + f.code() + ": " + f.description());
                }
            }
            if (output.diff) {
                boolean relative = !input.name().startsWith("/") && !input.name().equals("-");
                terminal.out().print(UnifiedDiff.of(relative ? "a/" + input.name() : input.name(),
                        relative ? "b/" + input.name() : input.name(), result.original(), result.fixed()));
            } else if (!output.write) {
                terminal.out().print(result.fixed());
            }
        }
        terminal.out().flush();
        terminal.err().flush();
        return broken ? ErrorHandler.BAD_INPUT : ErrorHandler.OK;
    }
}
