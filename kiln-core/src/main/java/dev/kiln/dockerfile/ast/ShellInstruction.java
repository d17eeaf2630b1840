package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/** {@code SHELL ["executable", "param"]}: the shell for later shell-form commands (always exec form). */
public record ShellInstruction(Node node, List<Word> arguments) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.SHELL;
    }
}
