package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/** {@code WORKDIR}: the directory, as one word holding the rest of the line. */
public record WorkdirInstruction(Node node, Word path) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.WORKDIR;
    }
}
