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
 * DL3018: {@code apk add pkg} without {@code pkg=version} (or {@code ~version}, {@code >}, {@code <}).
 * Local {@code .apk} files, the {@code --virtual} name and variables are not package names.
 */
public final class ApkPin extends CommandRule {

    public ApkPin() {
        super("DL3018", Level.WARNING, "Pin versions in apk add",
                "Install pkg=version (or pkg~1.2 for a series) so rebuilds get the same packages.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        Optional<Argv> add = PackageCommands.apkAdd(command);
        if (add.isEmpty()) {
            return;
        }
        List<ShellWord> unpinned = PackageCommands.literalPackages(add.get()).stream()
                .filter(w -> !Names.containsAny(w.value(), "=~<>") && !w.value().endsWith(".apk")).toList();
        if (!unpinned.isEmpty()) {
            sink.report(unpinned.get(0).range(), "apk add of " + PackageCommands.list(unpinned)
                    + " without versions: pin them (pkg=1.2.3-r0, or pkg~1.2)");
        }
    }
}
