package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/** {@code EXPOSE 80/tcp 443}: each port word as written (may hold variables). */
public record ExposeInstruction(Node node, List<Word> ports) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.EXPOSE;
    }
}
