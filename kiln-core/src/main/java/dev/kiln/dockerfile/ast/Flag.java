package dev.kiln.dockerfile.ast;

import java.util.Optional;

/**
 * A {@code --name[=value]} flag of an instruction, such as {@code --from=build} or {@code --link}.
 *
 * @param name  the name without the leading dashes
 * @param value the text after the first {@code =}, with quotes and escapes removed; empty for a bare flag
 * @param text  the flag as BuildKit keeps it: {@code --} + name + ({@code =value}), unquoted
 * @param range the flag word as written in the source
 */
public record Flag(String name, Optional<String> value, String text, SourceRange range) {

    /** Splits BuildKit's unquoted flag text ({@code --name=value}) into name and value. */
    public static Flag of(String text, SourceRange range) {
        String body = text.startsWith("--") ? text.substring(2) : text;
        int eq = body.indexOf('=');
        if (eq < 0) {
            return new Flag(body, Optional.empty(), text, range);
        }
        return new Flag(body.substring(0, eq), Optional.of(body.substring(eq + 1)), text, range);
    }
}
