package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/** {@code ONBUILD}: an instruction run when the image is used as a base. */
public record OnbuildInstruction(Node node, Instruction trigger) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.ONBUILD;
    }
}
