package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;
import java.util.Set;

/** yum or dnf changing packages without {@code -y}: the confirmation prompt fails the build. The fix adds -y. */
abstract class RpmYesRule extends CommandRule {

    private static final Set<String> PROMPTING = Set.of("install", "in", "groupinstall", "localinstall", "reinstall",
            "remove", "erase", "update", "upgrade", "downgrade", "distro-sync", "autoremove", "module");

    private final String tool;

    RpmYesRule(String code, String tool) {
        super(code, Level.WARNING, "Use the -y switch to avoid manual input " + tool + " install -y <package>",
                "Add -y to " + tool + " install; without it " + tool + " asks for confirmation and the build fails.");
        this.tool = tool;
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        Optional<Argv> rpm = PackageCommands.rpm(command, tool);
        if (rpm.isEmpty() || !PROMPTING.contains(rpm.get().subcommandName()) || rpm.get().has("-y", "--assumeyes")
                || AptYes.pipedFromYes(script, step)) {
            return;
        }
        sink.report(command.range(), tool + " " + rpm.get().subcommandName() + " without -y stops at the"
                + " confirmation prompt and the build fails; add -y",
                RunEdits.flagFix("add -y", rpm.get().subcommand().orElseThrow(), "-y"));
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
