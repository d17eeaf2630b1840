package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;

/** DL4005: replacing /bin/sh with a link ({@code ln -sf /bin/bash /bin/sh}) changes the shell for every program. */
public final class LnBinSh extends CommandRule {

    public LnBinSh() {
        super("DL4005", Level.WARNING, "Use SHELL to change the default shell",
                "Use SHELL [\"/bin/bash\", \"-c\"] instead of relinking /bin/sh, which changes the shell of every script in the image.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        if (!command.name().equals("ln")) {
            return;
        }
        var operands = command.arguments().stream().filter(w -> !w.isOption()).toList();
        if (operands.size() >= 2 && operands.get(operands.size() - 1).value().equals("/bin/sh")) {
            sink.report(command.range(), "relinking /bin/sh changes the shell of every script in the image; set the"
                    + " build's shell with SHELL [\"/bin/bash\", \"-c\"] instead");
        }
    }
}
