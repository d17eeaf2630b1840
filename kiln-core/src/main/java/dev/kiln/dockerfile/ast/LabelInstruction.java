package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/** {@code LABEL k=v ...} or the legacy {@code LABEL k v}. */
public record LabelInstruction(Node node, List<KeyValue> pairs, boolean legacyForm) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.LABEL;
    }
}
