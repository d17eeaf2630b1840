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

/**
 * DL3008: {@code apt-get install pkg} without {@code pkg=version}. Variables ({@code $buildDeps}),
 * local {@code .deb} files and paths are not package names and are not flagged.
 */
public final class AptPin extends CommandRule {

    public AptPin() {
        super("DL3008", Level.WARNING, "Pin versions in apt-get install",
                "Install name=version so a rebuild gets the same packages; unpinned installs change with the archive.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        Optional<Argv> install = PackageCommands.aptInstall(command);
        if (install.isEmpty()) {
            return;
        }
        List<ShellWord> unpinned = PackageCommands.literalPackages(install.get()).stream()
                .filter(w -> !w.value().contains("=") && !w.value().contains("/") && !w.value().endsWith(".deb"))
                .toList();
        if (!unpinned.isEmpty()) {
            sink.report(unpinned.get(0).range(), "apt-get install of " + PackageCommands.list(unpinned)
                    + " without versions: each rebuild may get different packages; pin them (name=version)");
        }
    }
}
