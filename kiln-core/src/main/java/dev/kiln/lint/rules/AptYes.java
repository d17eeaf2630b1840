package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.List;
import java.util.Optional;

/**
 * DL3014: {@code apt-get install} without {@code -y} waits for an answer no build can give. {@code -qq}
 * (which implies -y), {@code -o APT::Get::Assume-Yes=true} and {@code yes |} count. The fix adds -y.
 */
public final class AptYes extends CommandRule {

    private static final java.util.regex.Pattern ASSUME_YES =
            java.util.regex.Pattern.compile("(?i)APT::Get::Assume-Yes=(true|1|yes)");

    public AptYes() {
        super("DL3014", Level.WARNING, "Use the -y switch",
                "Add -y to apt-get install; without it apt-get asks for confirmation and the build aborts.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        Optional<Argv> install = PackageCommands.aptInstall(command);
        if (install.isEmpty() || assumesYes(install.get()) || pipedFromYes(script, step)) {
            return;
        }
        sink.report(command.range(), command.name() + " install without -y stops at the confirmation prompt and"
                + " the build fails (or hangs); add -y",
                RunEdits.flagFix("add -y", install.get().subcommand().orElseThrow(), "-y"));
    }

    static boolean assumesYes(Argv a) {
        return a.has("-y", "--yes", "--assume-yes", "--force-yes") || a.hasWord("-qq") || a.hasWord("-q=2")
                || a.hasWord("--quiet=2") || a.command().arguments().stream().anyMatch(
                        w -> ASSUME_YES.matcher(w.value()).matches());
    }

    static boolean pipedFromYes(ShellScript script, ShellScript.Step step) {
        List<ShellScript.Step> steps = script.steps();
        int i = -1;
        for (int k = 0; k < steps.size(); k++) {
            if (steps.get(k) == step) {
                i = k;
            }
        }
        return i > 0 && steps.get(i - 1).separator().equals("|") && steps.get(i - 1).command().unwrapped().name()
                .equals("yes");
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
