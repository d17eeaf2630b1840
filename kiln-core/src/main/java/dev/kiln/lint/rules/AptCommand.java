package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;

/** DL3027: {@code apt} is the interactive front end, whose output and behaviour are not stable for scripts. */
public final class AptCommand extends CommandRule {

    public AptCommand() {
        super("DL3027", Level.WARNING, "Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead",
                "Use apt-get (or apt-cache) in scripts; apt warns that its interface may change between releases.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        if (command.name().equals("apt") && !command.arguments().isEmpty()) {
            sink.report(command.words().get(0).range(), "apt is for people at a terminal (its output and options may"
                    + " change); use apt-get " + PackageCommands.apt(command, true).map(Argv::subcommandName).orElse(""));
        }
    }
}
