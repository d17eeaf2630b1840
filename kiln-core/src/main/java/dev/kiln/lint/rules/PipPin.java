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
 * DL3013: {@code pip install pkg} without a version specifier. Requirement and constraint files,
 * local paths, wheels and sdists, VCS URLs with {@code @ref}, and variables are not flagged.
 */
public final class PipPin extends CommandRule {

    private static final List<String> SPECIFIERS = List.of("==", ">=", "<=", "~=", "!=", "<", ">", "@");

    public PipPin() {
        super("DL3013", Level.WARNING, "Pin versions in pip",
                "Install pkg==version (or from a requirements/constraints file) so rebuilds get the same code.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        Optional<Argv> pip = PackageCommands.pipInstall(command);
        if (pip.isEmpty() || pip.get().has("-r", "--requirement", "-c", "--constraint")) {
            return;
        }
        List<ShellWord> unpinned = PackageCommands.literalPackages(pip.get()).stream()
                .filter(w -> !pinned(w.value())).toList();
        if (!unpinned.isEmpty()) {
            sink.report(unpinned.get(0).range(), "pip install of " + PackageCommands.list(unpinned)
                    + " without versions: pin them (pkg==1.2.3) or install from a requirements file with pins");
        }
    }

    static boolean pinned(String spec) {
        for (String s : SPECIFIERS) {
            if (spec.contains(s)) {
                return true;
            }
        }
        return spec.startsWith(".") || spec.contains("/") || spec.endsWith(".whl") || spec.endsWith(".tar.gz")
                || spec.endsWith(".zip");
    }
}
