package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.KeyValue;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;

/** DL3050: with {@code strict-labels}, a label outside the {@code label-schema}. */
public final class LabelSuperfluous extends BaseRule {

    public LabelSuperfluous() {
        super("DL3050", Level.INFO, "Superfluous label(s) present",
                "With strict-labels, set only the labels listed in label-schema.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        if (!context.config().strictLabels()) {
            return;
        }
        for (KeyValue kv : Labels.all(context)) {
            if (!context.config().labelSchema().containsKey(kv.key().value())) {
                sink.report(kv.key().range(), "label " + kv.key().value() + " is not in the label schema (strict labels);"
                        + " remove it or add it to label-schema");
            }
        }
    }
}
