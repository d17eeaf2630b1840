package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.KeyValue;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.LabelType;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Map;

/** DL3049: a label the {@code label-schema} requires is not set on the final image. */
public final class LabelMissing extends BaseRule {

    public LabelMissing() {
        super("DL3049", Level.INFO, "Label is missing",
                "Set every label your label-schema requires on the final image.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        Map<String, LabelType> schema = context.config().labelSchema();
        if (schema.isEmpty()) {
            return;
        }
        Map<String, KeyValue> labels = Labels.finalImage(context);
        for (String required : schema.keySet()) {
            if (!labels.containsKey(required)) {
                sink.report(context.finalStage().from().node().keywordRange(), "label " + required + " is missing from"
                        + " the final image; add LABEL " + required + "=<" + schema.get(required).id() + ">");
            }
        }
    }
}
