package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.KeyValue;
import dev.kiln.dockerfile.ast.LabelInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.lint.LintContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The labels of a Dockerfile: every LABEL pair, and the labels the final image ends up with. */
final class Labels {

    private Labels() {
    }

    /** Every key=value of every LABEL, in order. */
    static List<KeyValue> all(LintContext context) {
        List<KeyValue> out = new ArrayList<>();
        for (LabelInstruction l : Instructions.all(context, LabelInstruction.class, false)) {
            out.addAll(l.pairs());
        }
        return out;
    }

    /** The labels set in the stages the final image is built from (later values win). */
    static Map<String, KeyValue> finalImage(LintContext context) {
        List<Stage> chain = new ArrayList<>(context.ancestry(context.finalStage()));
        java.util.Collections.reverse(chain);
        Map<String, KeyValue> out = new LinkedHashMap<>();
        for (Stage s : chain) {
            for (LabelInstruction l : s.instructions(LabelInstruction.class)) {
                for (KeyValue kv : l.pairs()) {
                    out.put(kv.key().value(), kv);
                }
            }
        }
        return out;
    }
}
