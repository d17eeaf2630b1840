package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.ShellInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.List;
import java.util.Optional;

/**
 * DL4006: a RUN with a pipe whose shell does not have {@code pipefail}: a failing {@code curl} in
 * {@code curl ... | tar -x} goes unnoticed when tar succeeds. {@code SHELL ["/bin/bash", "-o",
 * "pipefail", "-c"]} earlier in the stage, or {@code set -o pipefail} before the first pipe in the
 * RUN, count. Pipes whose commands before the last cannot fail ({@code echo "$sum  f" | sha256sum -c})
 * lose nothing without pipefail and are not flagged.
 */
public final class Pipefail extends BaseRule {

    /** Commands that do not fail, so a pipe fed only by them reports the failures that matter. */
    private static final java.util.Set<String> CANNOT_FAIL = java.util.Set.of("echo", "printf", "yes", "true", ":");

    public Pipefail() {
        super("DL4006", Level.WARNING, "Set the SHELL option -o pipefail before RUN with a pipe in it",
                "Use SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] (or set -o pipefail) so a failing command in a pipe fails the build.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.stages()) {
            for (Instruction i : stage.instructions()) {
                if (!(i instanceof RunInstruction run) || !context.isPosixShell(stage, run)) {
                    continue;
                }
                Optional<ShellScript> script = context.script(run);
                if (script.isEmpty() || !script.get().hasPipe() || shellHasPipefail(context, stage, run)
                        || setsPipefailFirst(script.get())) {
                    continue;
                }
                Optional<ShellScript.Step> risky = script.get().steps().stream()
                        .filter(s -> s.separator().equals("|") || s.separator().equals("|&"))
                        .filter(s -> !CANNOT_FAIL.contains(s.command().unwrapped().name())).findFirst();
                if (risky.isEmpty()) {
                    continue;
                }
                ShellScript.Step pipe = risky.get();
                sink.report(pipe.command().range(), "the exit status of this pipe is its last command's, so a failure of "
                        + pipe.command().unwrapped().name() + " does not fail the build; set SHELL [\"/bin/bash\", \"-o\","
                        + " \"pipefail\", \"-c\"] before this RUN (or start it with set -o pipefail)");
            }
        }
    }

    private static boolean shellHasPipefail(LintContext context, Stage stage, RunInstruction run) {
        List<Stage> chain = context.ancestry(stage);
        for (Stage s : chain) {
            ShellInstruction last = null;
            for (Instruction i : s.instructions()) {
                if (s == stage && i == run) {
                    break;
                }
                if (i instanceof ShellInstruction sh) {
                    last = sh;
                }
            }
            if (last != null) {
                List<String> args = last.arguments().stream().map(Word::value).toList();
                return hasPipefail(args);
            }
        }
        return false;
    }

    private static boolean setsPipefailFirst(ShellScript script) {
        for (ShellScript.Step s : script.steps()) {
            SimpleCommand c = s.command().unwrapped();
            if (c.name().equals("set") && hasPipefail(c.arguments().stream().map(ShellWord::value).toList())) {
                return true;
            }
            if (s.separator().equals("|") || s.separator().equals("|&")) {
                return false;
            }
        }
        return false;
    }

    /** {@code -o pipefail}, {@code -eo pipefail}, {@code -euxo pipefail}, {@code -o=pipefail}. */
    static boolean hasPipefail(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-o=pipefail") || a.equals("-opipefail")) {
                return true;
            }
            if (a.equals("pipefail") && i > 0 && args.get(i - 1).startsWith("-") && args.get(i - 1).endsWith("o")) {
                return true;
            }
        }
        return false;
    }
}
