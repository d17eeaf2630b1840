package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.OnbuildInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.lint.LintContext;
import java.util.ArrayList;
import java.util.List;

/** Finding instructions of one kind, in a stage or the whole file, ONBUILD triggers optionally included. */
final class Instructions {

    private Instructions() {
    }

    static <T extends Instruction> List<T> all(LintContext context, Class<T> type, boolean withTriggers) {
        List<T> out = new ArrayList<>();
        for (Instruction i : context.dockerfile().instructions()) {
            add(i, type, withTriggers, out);
        }
        return out;
    }

    static <T extends Instruction> List<T> inStage(Stage stage, Class<T> type, boolean withTriggers) {
        List<T> out = new ArrayList<>();
        for (Instruction i : stage.instructions()) {
            add(i, type, withTriggers, out);
        }
        return out;
    }

    private static <T extends Instruction> void add(Instruction i, Class<T> type, boolean withTriggers, List<T> out) {
        if (type.isInstance(i)) {
            out.add(type.cast(i));
        } else if (withTriggers && i instanceof OnbuildInstruction on && type.isInstance(on.trigger())) {
            out.add(type.cast(on.trigger()));
        }
    }
}
