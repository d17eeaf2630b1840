package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.CopyInstruction;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.lint.Fix;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import dev.kiln.lint.TextEdit;
import java.util.Optional;

/** DL3021: COPY of several sources needs a destination directory written with a trailing slash. */
public final class CopyMultipleToDirectory extends BaseRule {

    public CopyMultipleToDirectory() {
        super("DL3021", Level.ERROR, "COPY with more than 2 arguments requires the last argument to end with /",
                "End the destination with / when copying several sources; the builder rejects it otherwise.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (CopyInstruction copy : Instructions.all(context, CopyInstruction.class, true)) {
            Word dest = copy.destination();
            if (copy.sources().size() < 2 || dest.value().endsWith("/") || dest.value().endsWith("\\")
                    || dest.hasVariable()) {
                continue;
            }
            Optional<Fix> fix = Optional.empty();
            if (dest.raw().equals(dest.value())) {
                fix = Optional.of(Fix.of("add / to the destination", TextEdit.insert(dest.range().endOffset(), "/")));
            }
            sink.report(dest.range(), "COPY of " + copy.sources().size() + " sources into " + dest.value()
                    + ": the destination must be a directory ending in /; write " + dest.value() + "/", fix);
        }
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
