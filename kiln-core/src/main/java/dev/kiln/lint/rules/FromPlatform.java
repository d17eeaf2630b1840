package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Flag;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;

/**
 * DL3029: a fixed {@code FROM --platform=linux/amd64} pins every build to one architecture. A
 * platform from a variable ({@code $BUILDPLATFORM} for cross-compiling build stages, or any ARG) is
 * the documented multi-platform idiom and is not flagged ({@code $TARGETPLATFORM} is DL3065's).
 */
public final class FromPlatform extends BaseRule {

    public FromPlatform() {
        super("DL3029", Level.WARNING, "Do not use --platform flag with FROM",
                "Leave the platform to the build (--platform on the command line); a fixed one breaks multi-arch builds.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.stages()) {
            Optional<Flag> flag = stage.from().node().flag("platform");
            if (flag.isPresent() && flag.get().value().isPresent() && !flag.get().value().get().contains("$")) {
                sink.report(flag.get().range(), "FROM --platform=" + flag.get().value().get() + " fixes the"
                        + " architecture, so this image cannot be built for others; drop the flag (or use"
                        + " $BUILDPLATFORM for a cross-compiling build stage)");
            }
        }
    }
}
