package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.ImageName;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;

/**
 * DL3006: FROM without a tag or digest takes whatever {@code latest} is on the day of the build.
 * Stage references, {@code scratch} and images built from ARGs without a default are not flagged;
 * an ARG with a default is expanded first ({@code ARG BASE=debian} then {@code FROM $BASE} is untagged).
 */
public final class UntaggedImage extends BaseRule {

    public UntaggedImage() {
        super("DL3006", Level.WARNING, "Always tag the version of an image explicitly",
                "Pin the base image to a tag (debian:12.5) or digest; without one every build may start from a different image.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.stages()) {
            Optional<ImageName> image = context.baseImage(stage);
            if (image.isPresent() && image.get().tag().isEmpty() && image.get().digest().isEmpty()) {
                sink.report(stage.baseImage().range(), "FROM " + stage.baseImage().value() + " has no tag: it means"
                        + " :latest, which changes under you; name the version (" + image.get().name() + ":<version>)"
                        + " or a digest");
            }
        }
    }
}
