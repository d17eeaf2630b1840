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

/** DL3028: {@code gem install gem} without {@code gem:version} or {@code -v}. Variables and local .gem files are not flagged. */
public final class GemPin extends CommandRule {

    public GemPin() {
        super("DL3028", Level.WARNING, "Pin versions in gem install",
                "Install gem:version (or -v version) so rebuilds get the same code.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        Optional<Argv> gem = PackageCommands.gem(command);
        if (gem.isEmpty() || !List.of("install", "i").contains(gem.get().subcommandName())
                || gem.get().has("-v", "--version")) {
            return;
        }
        List<ShellWord> unpinned = PackageCommands.literalPackages(gem.get()).stream()
                .filter(w -> !w.value().contains(":") && !w.value().endsWith(".gem")).toList();
        if (!unpinned.isEmpty()) {
            sink.report(unpinned.get(0).range(), "gem install of " + PackageCommands.list(unpinned)
                    + " without versions: pin them (gem install name:1.2.3, or -v 1.2.3)");
        }
    }
}
