package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.List;
import java.util.Optional;

/** yum/dnf install of packages without {@code -version} (see {@link RpmPackages#yumPinned}). */
abstract class RpmPinRule extends CommandRule {

    private final String[] tools;

    RpmPinRule(String code, String title, String... tools) {
        super(code, Level.WARNING, title, "Install name-version so rebuilds get the same packages.");
        this.tools = tools;
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        Optional<Argv> rpm = PackageCommands.rpm(command, tools);
        if (rpm.isEmpty() || !PackageCommands.isRpmInstall(rpm.get())) {
            return;
        }
        List<ShellWord> unpinned = RpmPackages.packages(rpm.get()).stream()
                .filter(w -> !RpmPackages.yumPinned(w.value())).toList();
        if (!unpinned.isEmpty()) {
            sink.report(unpinned.get(0).range(), command.name() + " install of " + PackageCommands.list(unpinned)
                    + " without versions: pin them (name-1.2.3)");
        }
    }
}
