package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;

/** DL3004: sudo in a RUN (also behind other wrappers such as {@code env} or {@code nice}). */
public final class Sudo extends CommandRule {

    public Sudo() {
        super("DL3004", Level.ERROR, "Do not use sudo",
                "Drop sudo: RUN runs as the current USER; switch with USER root ... USER app, or use gosu/su-exec at run time.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        SimpleCommand original = step.command();
        if (command.name().equals("sudo")) {
            sink.report(command.range(), "sudo in a build step: RUN already runs as the current USER; switch with"
                    + " USER root and back with USER afterwards");
            return;
        }
        int wrappers = original.words().size() - command.words().size();
        for (int i = 0; i < wrappers && i < original.words().size(); i++) {
            ShellWord w = original.words().get(i);
            if (w.value().equals("sudo") || w.value().endsWith("/sudo")) {
                sink.report(w.range(), "sudo in a build step: its TTY and password prompts misbehave and it adds a"
                        + " package; run the step as root (USER root) and switch back with USER afterwards");
                return;
            }
        }
    }
}
