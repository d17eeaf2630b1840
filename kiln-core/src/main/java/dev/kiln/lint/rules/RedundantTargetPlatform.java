package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Flag;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.lint.Fix;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import dev.kiln.lint.TextEdit;
import java.util.Optional;

/** DL3065: {@code FROM --platform=$TARGETPLATFORM} says what FROM does anyway; the fix removes the flag. */
public final class RedundantTargetPlatform extends BaseRule {

    public RedundantTargetPlatform() {
        super("DL3065", Level.WARNING, "Setting FROM --platform to the predefined $TARGETPLATFORM is redundant",
                "Drop --platform=$TARGETPLATFORM; stages already build for the target platform.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        String src = context.source();
        for (Stage stage : context.stages()) {
            Optional<Flag> flag = stage.from().node().flag("platform");
            if (flag.isEmpty() || flag.get().value().isEmpty()) {
                continue;
            }
            String v = flag.get().value().get();
            if (!v.equals("$TARGETPLATFORM") && !v.equals("${TARGETPLATFORM}")) {
                continue;
            }
            int start = flag.get().range().startOffset();
            int end = flag.get().range().endOffset();
            while (end < src.length() && (src.charAt(end) == ' ' || src.charAt(end) == '\t')) {
                end++;
            }
            sink.report(flag.get().range(), "FROM --platform=" + v + " is the default; remove it",
                    Fix.of("remove --platform=" + v, new TextEdit(start, end, "")));
        }
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
