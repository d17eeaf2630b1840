package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Flag;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.List;
import java.util.Optional;

/**
 * DL3059: two RUNs in a row (comments between them allowed) with the same flags, each of at most two
 * commands: each RUN is a layer, so small consecutive ones cost layers and let files from one survive
 * the next. RUNs chaining more commands are taken as deliberately split (for the layer cache), as
 * hadolint does. The fix merges the RUN into the previous one when that is provably equivalent.
 */
public final class ConsecutiveRuns extends BaseRule {

    public ConsecutiveRuns() {
        super("DL3059", Level.INFO, "Multiple consecutive RUN instructions. Consider consolidation",
                "Join consecutive small RUNs with && into one layer; separate layers keep files a later RUN deletes.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.stages()) {
            List<Instruction> body = stage.instructions();
            for (int i = 1; i < body.size(); i++) {
                if (!(body.get(i) instanceof RunInstruction current) || !(body.get(i - 1) instanceof RunInstruction previous)) {
                    continue;
                }
                if (!flags(previous).equals(flags(current)) || count(context, previous) > 2 || count(context, current) > 2) {
                    continue;
                }
                sink.report(current.node().keywordRange(), "this RUN follows another RUN (line "
                        + previous.range().startLine() + "): each RUN is a layer; join them with && into one",
                        RunMerge.merge(context, previous, current));
            }
        }
    }

    private static List<String> flags(RunInstruction run) {
        return run.node().flags().stream().map(Flag::text).toList();
    }

    private static int count(LintContext context, RunInstruction run) {
        Optional<ShellScript> s = context.script(run);
        return s.map(x -> x.commands().size()).orElse(1);
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
