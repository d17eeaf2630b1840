package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;

/**
 * KL006: {@code zypper install} in the final image without {@code --no-recommends} also installs every
 * recommended package ({@code solver.onlyRequires} set by an earlier RUN counts). The fix adds the flag.
 */
public final class ZypperNoRecommends extends BaseRule {

    public ZypperNoRecommends() {
        super("KL006", Level.INFO, "zypper install without --no-recommends",
                "Add --no-recommends to zypper install; recommended packages often add tens of MB nobody uses.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (FinalImageRuns.Run r : FinalImageRuns.of(context)) {
            if (configured(context, r.stage(), r.run())) {
                continue;
            }
            for (SimpleCommand c : r.script().commands()) {
                Optional<Argv> z = PackageCommands.zypperInstall(c.unwrapped());
                if (z.isEmpty() || z.get().has("--no-recommends")) {
                    continue;
                }
                sink.report(c.unwrapped().range(), "zypper install without --no-recommends also installs the"
                        + " recommended packages, often tens of MB; add --no-recommends",
                        RunEdits.flagFix("add --no-recommends", z.get().subcommand().orElseThrow(), "--no-recommends"));
            }
        }
    }

    private static boolean configured(LintContext context, Stage stage, RunInstruction before) {
        for (Stage s : context.ancestry(stage)) {
            for (Instruction i : s.instructions()) {
                if (i == before) {
                    break;
                }
                if (i instanceof RunInstruction r && r.node().original().contains("onlyRequires")) {
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
