package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.HealthcheckInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;

/** DL3057 (off by default): the final image declares no HEALTHCHECK. */
public final class MissingHealthcheck extends BaseRule {

    public MissingHealthcheck() {
        super("DL3057", Level.IGNORE, "HEALTHCHECK instruction missing",
                "Add a HEALTHCHECK so orchestrators without their own probe can tell a hung container from a healthy one.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage s : context.ancestry(context.finalStage())) {
            if (!s.instructions(HealthcheckInstruction.class).isEmpty()) {
                return;
            }
        }
        Stage last = context.finalStage();
        sink.report(last.from().node().keywordRange(), "the final image has no HEALTHCHECK: add one (HEALTHCHECK CMD"
                + " [\"/app\", \"health\"]) if nothing else probes the container");
    }
}
