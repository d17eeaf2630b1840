package dev.kiln.dockerfile.ast;

/**
 * A comment line. Lint pragmas such as {@code # hadolint ignore=DL3008} are read from these.
 *
 * @param text  the text after {@code #}, with surrounding whitespace trimmed
 * @param range the whole comment, from {@code #} to the end of the line
 */
public record Comment(String text, SourceRange range) {
}
