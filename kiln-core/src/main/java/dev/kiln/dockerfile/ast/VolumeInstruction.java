package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/** {@code VOLUME}: mount points, from exec form or whitespace-separated. */
public record VolumeInstruction(Node node, List<Word> paths) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.VOLUME;
    }
}
