package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.ImageName;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;

/** DL3007: an explicit {@code :latest} tag (without a digest) floats like no tag at all. */
public final class LatestTag extends BaseRule {

    public LatestTag() {
        super("DL3007", Level.WARNING, "Using latest is prone to errors if the image will ever update",
                "Replace :latest with a release tag; latest moves, so two builds of the same Dockerfile differ.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.stages()) {
            Optional<ImageName> image = context.baseImage(stage);
            if (image.isPresent() && image.get().tag().map(t -> t.equals("latest")).orElse(false)
                    && image.get().digest().isEmpty()) {
                sink.report(stage.baseImage().range(), "FROM " + stage.baseImage().value() + ": :latest changes"
                        + " whenever upstream publishes; pin a release tag (or add @sha256:...)");
            }
        }
    }
}
