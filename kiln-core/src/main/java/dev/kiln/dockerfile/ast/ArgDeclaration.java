package dev.kiln.dockerfile.ast;

import java.util.Optional;

/**
 * One name of an ARG instruction ({@code ARG VERSION} or {@code ARG VERSION=1.2}).
 *
 * @param word         the whole word as written
 * @param name         the variable name
 * @param defaultValue the default as written after {@code =} (raw keeps quotes), if any
 */
public record ArgDeclaration(Word word, String name, Optional<Word> defaultValue) {
}
