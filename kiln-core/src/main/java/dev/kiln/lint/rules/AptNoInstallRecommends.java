package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.List;
import java.util.Optional;

/**
 * DL3015: {@code apt-get install} without {@code --no-install-recommends} also installs every
 * "Recommends" package. Setting it with {@code -o APT::Install-Recommends=false}, or in apt.conf by an
 * earlier RUN of the stage, counts. The fix adds the flag after {@code install}.
 */
public final class AptNoInstallRecommends extends CommandRule {

    public AptNoInstallRecommends() {
        super("DL3015", Level.INFO, "Avoid additional packages by specifying --no-install-recommends",
                "Add --no-install-recommends to apt-get install; recommended packages often add tens of MB nobody uses.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        Optional<Argv> install = PackageCommands.aptInstall(command);
        if (install.isEmpty() || install.get().has("--no-install-recommends")
                || install.get().command().arguments().stream().anyMatch(w -> w.value()
                        .regionMatches(true, 0, "APT::Install-Recommends=", 0, 24)
                        && List.of("false", "0", "no").contains(w.value().substring(24).toLowerCase(java.util.Locale.ROOT)))
                || configuredEarlier(context, run)) {
            return;
        }
        ShellWord sub = install.get().subcommand().orElseThrow();
        sink.report(command.range(), command.name() + " install without --no-install-recommends also installs the"
                + " recommended packages, often tens of MB; add --no-install-recommends (and list what you need)",
                RunEdits.flagFix("add --no-install-recommends", sub, "--no-install-recommends"));
    }

    /** An earlier RUN of the stage (or its parents) writes APT::Install-Recommends into apt's config. */
    private static boolean configuredEarlier(LintContext context, RunInstruction run) {
        Optional<Stage> stage = context.containingStage(run);
        if (stage.isEmpty()) {
            return false;
        }
        for (Stage s : context.ancestry(stage.get())) {
            for (Instruction i : s.instructions()) {
                if (i == run) {
                    break;
                }
                if (i instanceof RunInstruction r && r.node().original().contains("Install-Recommends")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
