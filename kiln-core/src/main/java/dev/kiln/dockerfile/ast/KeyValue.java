package dev.kiln.dockerfile.ast;

/**
 * One {@code key=value} of ENV or LABEL.
 *
 * @param key   the key as written (quotes kept in {@code raw})
 * @param value the value as written; {@code value.value()} is unquoted but not expanded. In the legacy
 *              {@code ENV key value} form it is the whole rest of the line
 */
public record KeyValue(Word key, Word value) {
}
