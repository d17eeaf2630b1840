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

/** DL3062: {@code go install pkg} without {@code @version} ({@code @latest} is not a pin); local packages are fine. */
public final class GoInstallPin extends CommandRule {

    public GoInstallPin() {
        super("DL3062", Level.WARNING, "Pin versions in go install",
                "Install pkg@vX.Y.Z so rebuilds get the same code; @latest and no version float.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        Optional<Argv> go = PackageCommands.go(command);
        if (go.isEmpty() || !go.get().subcommandName().equals("install")) {
            return;
        }
        List<ShellWord> unpinned = PackageCommands.literalPackages(go.get()).stream().filter(w -> {
            String p = w.value();
            boolean local = p.startsWith(".") || p.startsWith("/") || !p.contains(".") && !p.contains("@");
            int at = p.lastIndexOf('@');
            return !local && (at < 0 || p.substring(at + 1).equals("latest") || p.substring(at + 1).isEmpty());
        }).toList();
        if (!unpinned.isEmpty()) {
            sink.report(unpinned.get(0).range(), "go install of " + PackageCommands.list(unpinned)
                    + " without a fixed version: pin it (module/cmd@v1.2.3)");
        }
    }
}
