package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.KeyValue;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;

/** DL3051: a label the schema requires is set to an empty value. */
public final class LabelEmpty extends BaseRule {

    public LabelEmpty() {
        super("DL3051", Level.WARNING, "Label is empty", "Give required labels a value.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (KeyValue kv : Labels.all(context)) {
            if (context.config().labelSchema().containsKey(kv.key().value()) && kv.value().value().isBlank()) {
                sink.report(kv.key().range(), "label " + kv.key().value() + " is empty; set its value");
            }
        }
    }
}
