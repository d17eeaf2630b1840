package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/** {@code COPY}: sources (context paths, globs, heredoc markers such as {@code <<EOF}) and a destination. */
public record CopyInstruction(Node node, List<Word> sources, Word destination, FileOptions options) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.COPY;
    }
}
