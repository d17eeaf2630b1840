package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/** {@code MAINTAINER} (deprecated): the author, as one word holding the rest of the line. */
public record MaintainerInstruction(Node node, Word name) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.MAINTAINER;
    }
}
