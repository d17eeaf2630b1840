package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;

/** DL3035: {@code zypper dist-upgrade} in a build moves the base image to another release behind its tag's back. */
public final class ZypperDistUpgrade extends CommandRule {

    public ZypperDistUpgrade() {
        super("DL3035", Level.WARNING, "Do not use zypper dist-upgrade",
                "Use a newer base image tag instead of zypper dist-upgrade; the upgrade makes the tag lie and the layer huge.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        Optional<Argv> z = PackageCommands.zypper(command);
        if (z.isPresent() && (z.get().subcommandName().equals("dist-upgrade") || z.get().subcommandName().equals("dup"))) {
            sink.report(command.range(), "zypper " + z.get().subcommandName() + " rewrites most of the base image into"
                    + " this layer; start from a newer base image tag instead");
        }
    }
}
