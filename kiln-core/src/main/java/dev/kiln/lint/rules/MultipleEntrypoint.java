package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.EntrypointInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.List;

/** DL4004: several ENTRYPOINTs in one stage; only the last takes effect. */
public final class MultipleEntrypoint extends BaseRule {

    public MultipleEntrypoint() {
        super("DL4004", Level.ERROR, "Multiple ENTRYPOINT instructions found",
                "Keep one ENTRYPOINT per stage; earlier ones are silently replaced.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.stages()) {
            List<EntrypointInstruction> eps = stage.instructions(EntrypointInstruction.class);
            for (int i = 0; i < eps.size() - 1; i++) {
                sink.report(eps.get(i).node().keywordRange(), "this ENTRYPOINT is replaced by the one on line "
                        + eps.get(eps.size() - 1).range().startLine() + "; remove it");
            }
        }
    }
}
