package dev.kiln.dockerfile.ast;

import java.util.Optional;

/**
 * {@code FROM [--platform=p] image [AS name]}: starts a stage.
 *
 * @param image     the base image expression as written (may hold global ARGs, or name an earlier stage)
 * @param stageName the {@code AS} name as written (stage names compare case-insensitively)
 * @param platform  the {@code --platform} value, unexpanded
 */
public record FromInstruction(Node node, Word image, Optional<Word> stageName, Optional<String> platform)
        implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.FROM;
    }
}
