package dev.kiln.lint.rules;

import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import dev.kiln.lint.Pragmas;

/** DL1001 (off by default): inline ignore pragmas, for teams that want every exception in the config file. */
public final class InlineIgnorePragma extends BaseRule {

    public InlineIgnorePragma() {
        super("DL1001", Level.IGNORE, "Please refrain from using inline ignore pragmas",
                "List accepted exceptions in .hadolint.yaml instead of inline # hadolint ignore= comments.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Pragmas.InlineIgnore p : context.pragmas().inline()) {
            sink.report(p.range(), "inline ignore of " + String.join(", ", new java.util.TreeSet<>(p.codes()))
                    + ": record the exception in the configuration file instead");
        }
    }
}
