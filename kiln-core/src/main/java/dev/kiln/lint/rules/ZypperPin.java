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

/** DL3037: zypper install without {@code name=version} (or {@code >=}, {@code <}, an .rpm file). */
public final class ZypperPin extends CommandRule {

    public ZypperPin() {
        super("DL3037", Level.WARNING, "Specify version with zypper install -y <package>=<version>",
                "Install name=version so rebuilds get the same packages.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        Optional<Argv> z = PackageCommands.zypperInstall(command);
        if (z.isEmpty()) {
            return;
        }
        List<ShellWord> unpinned = PackageCommands.literalPackages(z.get()).stream()
                .filter(w -> !RpmPackages.zypperPinned(w.value())).toList();
        if (!unpinned.isEmpty()) {
            sink.report(unpinned.get(0).range(), "zypper install of " + PackageCommands.list(unpinned)
                    + " without versions: pin them (name=1.2.3)");
        }
    }
}
