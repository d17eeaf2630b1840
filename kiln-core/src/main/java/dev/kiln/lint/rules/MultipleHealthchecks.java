package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.HealthcheckInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.List;

/** DL3012: more than one HEALTHCHECK in a stage; only the last one takes effect. */
public final class MultipleHealthchecks extends BaseRule {

    public MultipleHealthchecks() {
        super("DL3012", Level.ERROR, "Multiple HEALTHCHECK instructions",
                "Keep one HEALTHCHECK per stage; only the last one counts, so the others mislead readers.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.stages()) {
            List<HealthcheckInstruction> checks = stage.instructions(HealthcheckInstruction.class);
            for (int i = 1; i < checks.size(); i++) {
                sink.report(checks.get(i).node().keywordRange(), "a second HEALTHCHECK in this stage (the first is on"
                        + " line " + checks.get(0).range().startLine() + "): only the last one applies; remove the other");
            }
        }
    }
}
