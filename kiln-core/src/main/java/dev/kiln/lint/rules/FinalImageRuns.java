package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.lint.LintContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The RUNs whose layers ship: those of the stages the final image is built from. Size rules (caches,
 * leftovers) look only here; a build stage's cache never reaches the image.
 */
final class FinalImageRuns {

    /** A RUN with its stage and parsed commands. */
    record Run(Stage stage, RunInstruction run, ShellScript script) {
    }

    private FinalImageRuns() {
    }

    static List<Run> of(LintContext context) {
        List<Run> out = new ArrayList<>();
        for (Stage stage : context.stages()) {
            if (!context.inFinalImage(stage)) {
                continue;
            }
            for (RunInstruction run : context.runs(stage, false)) {
                Optional<ShellScript> script = context.script(run);
                script.ifPresent(s -> out.add(new Run(stage, run, s)));
            }
        }
        return out;
    }
}
