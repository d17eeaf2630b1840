package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.MaintainerInstruction;
import dev.kiln.lint.Fix;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import dev.kiln.lint.TextEdit;

/** DL4000: MAINTAINER is deprecated; the fix writes the OCI authors label instead. */
public final class Maintainer extends BaseRule {

    public Maintainer() {
        super("DL4000", Level.ERROR, "MAINTAINER is deprecated",
                "Replace MAINTAINER with LABEL org.opencontainers.image.authors=\"...\", which tools read.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (MaintainerInstruction m : Instructions.all(context, MaintainerInstruction.class, false)) {
            String value = m.name().raw();
            String quoted = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$");
            String text = "LABEL org.opencontainers.image.authors=\"" + quoted + "\"";
            boolean oneLine = m.range().startLine() == m.range().endLine();
            sink.report(m.node().keywordRange(), "MAINTAINER is deprecated and ignored by most tools; use " + text,
                    oneLine ? java.util.Optional.of(Fix.of("MAINTAINER → LABEL org.opencontainers.image.authors",
                            new TextEdit(m.range().startOffset(), m.range().endOffset(), text)))
                            : java.util.Optional.empty());
        }
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
