package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.KeyValue;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.LabelType;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;

/**
 * A label the schema gives a format ({@code url}, {@code semver}, ...) whose literal value does not
 * have it. Values built from variables are known only at build time and are not checked.
 */
abstract class LabelFormatRule extends BaseRule {

    private final LabelType type;
    private final String expected;

    LabelFormatRule(String code, LabelType type, String title, String expected) {
        super(code, Level.WARNING, title, "Give label " + "values the format the label-schema names: " + expected + ".");
        this.type = type;
        this.expected = expected;
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (KeyValue kv : Labels.all(context)) {
            if (context.config().labelSchema().get(kv.key().value()) != type) {
                continue;
            }
            String value = kv.value().value();
            if (value.isEmpty() || kv.value().hasVariable()) {
                continue;
            }
            if (!valid(value)) {
                sink.report(kv.value().range(), "label " + kv.key().value() + "=" + value + " is not " + expected);
            }
        }
    }

    abstract boolean valid(String value);
}
