package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/** {@code ENV k=v ...} or the legacy {@code ENV k v} ({@code legacyForm}: the value is the whole rest of the line). */
public record EnvInstruction(Node node, List<KeyValue> pairs, boolean legacyForm) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.ENV;
    }
}
