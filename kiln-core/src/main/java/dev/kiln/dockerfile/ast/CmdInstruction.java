package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/** {@code CMD}: the default command (or ENTRYPOINT's default arguments); an empty exec array clears it. */
public record CmdInstruction(Node node, Command command) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.CMD;
    }
}
