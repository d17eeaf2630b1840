package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/** {@code STOPSIGNAL}: a signal name or number. */
public record StopsignalInstruction(Node node, Word signal) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.STOPSIGNAL;
    }
}
