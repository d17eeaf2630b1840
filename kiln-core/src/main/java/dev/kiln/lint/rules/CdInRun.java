package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;

/**
 * DL3003: {@code cd} in a RUN; WORKDIR states the directory for every later step. Reported once per
 * RUN, at its first {@code cd}. A {@code cd} inside a subshell {@code ( cd dir && make )} or command
 * substitution does not leak and is not flagged.
 */
public final class CdInRun extends BaseRule {

    public CdInRun() {
        super("DL3003", Level.WARNING, "Use WORKDIR to switch to a directory",
                "Set the directory with WORKDIR; a cd lasts only for its RUN and hides where later commands run.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (RunInstruction run : context.posixRuns()) {
            Optional<ShellScript> script = context.script(run);
            if (script.isEmpty()) {
                continue;
            }
            for (ShellScript.Step step : script.get().steps()) {
                SimpleCommand c = step.command().unwrapped();
                if (c.name().equals("cd") && !step.isolated()) {
                    String dir = c.arguments().isEmpty() ? "~" : c.arguments().get(0).value();
                    sink.report(c.range(), "cd " + dir + " lasts only for this RUN: use WORKDIR " + dir
                            + " (or a subshell ( cd " + dir + " && ... ) for one command)");
                    break;
                }
            }
        }
    }
}
