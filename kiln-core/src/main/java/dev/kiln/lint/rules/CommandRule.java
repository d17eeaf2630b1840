package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;

/**
 * A rule that looks at the shell commands of every RUN run by a POSIX shell (ONBUILD RUN triggers
 * included), one command at a time, with wrappers such as {@code sudo} and {@code env} seen through.
 */
abstract class CommandRule extends BaseRule {

    CommandRule(String code, Level level, String title, String advice) {
        super(code, level, title, advice);
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (RunInstruction run : context.posixRuns()) {
            Optional<ShellScript> script = context.script(run);
            if (script.isEmpty()) {
                continue;
            }
            for (ShellScript.Step step : script.get().steps()) {
                check(context, run, script.get(), step, step.command().unwrapped(), sink);
            }
        }
    }

    /** Checks one command ({@code command} is the step's command with wrappers removed). */
    abstract void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink);
}
