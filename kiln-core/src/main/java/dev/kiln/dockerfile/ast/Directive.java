package dev.kiln.dockerfile.ast;

/**
 * A parser directive from the block of {@code # key=value} lines at the top of the file
 * ({@code syntax}, {@code escape}, {@code check}).
 *
 * @param name  lower-cased directive name
 * @param value its value, trimmed
 */
public record Directive(String name, String value, SourceRange range) {
}
