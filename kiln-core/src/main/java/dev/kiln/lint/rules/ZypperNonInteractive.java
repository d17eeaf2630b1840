package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;
import java.util.Set;

/** DL3034: zypper changing packages without {@code -n} (global) or {@code -y}. The fix adds -y after the subcommand. */
public final class ZypperNonInteractive extends CommandRule {

    private static final Set<String> PROMPTING = Set.of("install", "in", "remove", "rm", "update", "up", "patch",
            "dist-upgrade", "dup", "source-install", "si", "install-new-recommends", "inr");

    public ZypperNonInteractive() {
        super("DL3034", Level.WARNING, "Non-interactive switch missing from zypper command: zypper install -y",
                "Run zypper with -n (zypper -n install) or -y; otherwise it waits for confirmation and the build fails.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        Optional<Argv> z = PackageCommands.zypper(command);
        if (z.isEmpty() || !PROMPTING.contains(z.get().subcommandName())
                || z.get().has("-n", "--non-interactive", "-y", "--no-confirm")) {
            return;
        }
        sink.report(command.range(), "zypper " + z.get().subcommandName() + " without -n/-y waits for confirmation"
                + " and the build fails; add -y (or zypper -n)",
                RunEdits.flagFix("add -y", z.get().subcommand().orElseThrow(), "-y"));
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
