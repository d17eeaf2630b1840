package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.CopyInstruction;
import dev.kiln.dockerfile.ast.Flag;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;

/**
 * DL3022: {@code COPY --from=X} where X is neither an earlier stage (by name or index) nor written
 * like an image reference. A bare unknown word is most likely a mistyped stage name; BuildKit would
 * silently pull an image of that name. Image references ({@code nginx:1.25}, {@code ghcr.io/x/y}),
 * variables and valid indexes are not flagged (hadolint flags them all).
 */
public final class CopyFromUnknownStage extends BaseRule {

    public CopyFromUnknownStage() {
        super("DL3022", Level.WARNING, "COPY --from should reference a previously defined FROM alias",
                "Point COPY --from at a stage defined above (FROM ... AS name) or at a tagged image.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.stages()) {
            for (CopyInstruction copy : stage.instructions(CopyInstruction.class)) {
                Optional<String> from = copy.options().from();
                Optional<Flag> flag = copy.node().flag("from");
                if (from.isEmpty() || flag.isEmpty()) {
                    continue;
                }
                String ref = from.get();
                if (ref.contains("$") || stage.isCalled(ref)
                        || context.dockerfile().referencedStage(ref, stage.index()).isPresent()) {
                    continue;
                }
                if (Names.digits(ref)) {
                    sink.report(flag.get().range(), "COPY --from=" + ref + ": there is no stage " + ref + " before this"
                            + " one (stages count from 0); use a stage name");
                    continue;
                }
                Optional<Stage> later = context.stages().stream().filter(s -> s.index() > stage.index() && s.isCalled(ref))
                        .findFirst();
                if (later.isPresent()) {
                    sink.report(flag.get().range(), "COPY --from=" + ref + " names a stage defined later (line "
                            + later.get().from().range().startLine() + "): a stage can only copy from stages above it;"
                            + " move that stage up");
                } else if (!ref.contains(":") && !ref.contains("/") && !ref.contains("@") && !ref.contains(".")) {
                    sink.report(flag.get().range(), "COPY --from=" + ref + " is not a stage defined above, so the"
                            + " builder would pull an image called " + ref + ":latest; fix the stage name, or write"
                            + " the image with its tag");
                }
            }
        }
    }
}
