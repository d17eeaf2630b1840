package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/** {@code ARG NAME[=default] ...}: build arguments; before the first FROM they are global. */
public record ArgInstruction(Node node, List<ArgDeclaration> declarations) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.ARG;
    }
}
