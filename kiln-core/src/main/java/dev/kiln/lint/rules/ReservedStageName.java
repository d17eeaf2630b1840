package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;

/** DL3063: a stage called {@code scratch} or {@code context}, words the builder gives their own meaning. */
public final class ReservedStageName extends BaseRule {

    public ReservedStageName() {
        super("DL3063", Level.WARNING, "Stage name should not be a reserved word",
                "Rename stages called scratch or context; FROM scratch and named build contexts mean something else.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.stages()) {
            if (stage.from().stageName().isEmpty()) {
                continue;
            }
            String name = stage.name().orElse("");
            if (name.equals("scratch") || name.equals("context")) {
                sink.report(stage.from().stageName().get().range(), "stage name " + name + " is reserved ("
                        + (name.equals("scratch") ? "FROM scratch means an empty image" : "it names the build context")
                        + "); rename the stage");
            }
        }
    }
}
