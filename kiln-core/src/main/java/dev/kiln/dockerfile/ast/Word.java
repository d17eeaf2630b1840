package dev.kiln.dockerfile.ast;

import java.util.Objects;

/**
 * One argument word of an instruction.
 *
 * @param raw   the text exactly as written (continuations joined), quotes and escapes included
 * @param value the text with quotes and escape characters removed but no variable expanded; for
 *              exec-form (JSON) elements the decoded string; for shell-form command text the same as raw
 * @param range where {@code raw} sits in the source; a word spanning a line continuation covers it
 */
public record Word(String raw, String value, SourceRange range) {

    public Word {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(range, "range");
    }

    /** True if the raw text refers to a variable ({@code $X} or {@code ${X}}) outside single quotes. */
    public boolean hasVariable() {
        boolean single = false;
        for (int i = 0; i < raw.length() - 1; i++) {
            char c = raw.charAt(i);
            if (c == '\'') {
                single = !single;
            } else if (c == '$' && !single) {
                char n = raw.charAt(i + 1);
                if (n == '{' || n == '_' || Character.isLetterOrDigit(n)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return raw;
    }
}
