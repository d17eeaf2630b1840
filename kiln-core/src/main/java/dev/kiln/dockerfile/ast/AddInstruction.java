package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/** {@code ADD}: like COPY, plus URLs, git repositories and local archive unpacking. */
public record AddInstruction(Node node, List<Word> sources, Word destination, FileOptions options) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.ADD;
    }
}
