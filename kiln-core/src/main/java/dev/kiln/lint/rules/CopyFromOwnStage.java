package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.CopyInstruction;
import dev.kiln.dockerfile.ast.Flag;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;

/** DL3023: {@code COPY --from} naming the stage it is in (by name or index): a cycle the builder rejects. */
public final class CopyFromOwnStage extends BaseRule {

    public CopyFromOwnStage() {
        super("DL3023", Level.ERROR, "COPY --from cannot reference its own FROM alias",
                "Copy from an earlier stage; a stage cannot read files from itself.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.stages()) {
            for (CopyInstruction copy : stage.instructions(CopyInstruction.class)) {
                Optional<String> from = copy.options().from();
                Optional<Flag> flag = copy.node().flag("from");
                if (from.isPresent() && flag.isPresent() && stage.isCalled(from.get())) {
                    sink.report(flag.get().range(), "COPY --from=" + from.get() + " is this stage itself: copy from an"
                            + " earlier stage (or COPY from the build context without --from)");
                }
            }
        }
    }
}
