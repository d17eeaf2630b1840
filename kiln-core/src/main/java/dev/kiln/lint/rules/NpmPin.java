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
 * DL3016: {@code npm install pkg} without {@code @version}. {@code npm install} with no package (the
 * lock file), local folders and tarballs, git URLs with {@code #ref}, and variables are not flagged.
 */
public final class NpmPin extends CommandRule {

    public NpmPin() {
        super("DL3016", Level.WARNING, "Pin versions in npm",
                "Install pkg@version (or use package-lock.json with npm ci) so rebuilds get the same code.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        Optional<Argv> npm = PackageCommands.npm(command);
        if (npm.isEmpty() || !List.of("install", "i", "add").contains(npm.get().subcommandName())) {
            return;
        }
        List<ShellWord> unpinned = PackageCommands.literalPackages(npm.get()).stream()
                .filter(w -> !pinned(w.value())).toList();
        if (!unpinned.isEmpty()) {
            sink.report(unpinned.get(0).range(), "npm install of " + PackageCommands.list(unpinned)
                    + " without versions: pin them (pkg@1.2.3)");
        }
    }

    static boolean pinned(String spec) {
        if (spec.startsWith("git") || spec.contains("://")) {
            return spec.contains("#");
        }
        if (spec.endsWith(".tgz") || spec.endsWith(".tar.gz") || spec.endsWith(".tar") || spec.startsWith("/")
                || spec.startsWith("./") || spec.startsWith("../") || spec.startsWith("~/") || spec.equals(".")) {
            return true;
        }
        String name = spec.startsWith("@") ? spec.substring(1) : spec;
        return name.contains("@");
    }
}
