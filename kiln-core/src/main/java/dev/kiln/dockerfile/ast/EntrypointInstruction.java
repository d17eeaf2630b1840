package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/** {@code ENTRYPOINT}: the executable the container runs. */
public record EntrypointInstruction(Node node, Command command) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.ENTRYPOINT;
    }
}
