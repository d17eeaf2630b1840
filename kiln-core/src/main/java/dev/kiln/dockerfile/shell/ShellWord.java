package dev.kiln.dockerfile.shell;

import dev.kiln.dockerfile.ast.SourceRange;

/**
 * One word of a shell command.
 *
 * @param raw     as written (quotes, escapes, {@code $...} kept)
 * @param value   quotes and backslashes removed, nothing expanded ({@code "$pkgs"} gives {@code $pkgs})
 * @param dynamic true if it holds an unquoted or double-quoted expansion ({@code $x}, {@code ${x}},
 *                {@code $(...)}, backticks): its real value is only known when the shell runs
 * @param range   where it is in the Dockerfile
 */
public record ShellWord(String raw, String value, boolean dynamic, SourceRange range) {

    /** True if the whole word is an expansion ({@code $buildDeps}, {@code "${PKGS}"}): a variable, not a name. */
    public boolean isVariable() {
        return dynamic && (value.startsWith("$") || value.startsWith("`"));
    }

    /** True if it starts with {@code -} and is not just {@code -}. */
    public boolean isOption() {
        return value.length() > 1 && value.charAt(0) == '-';
    }

    @Override
    public String toString() {
        return raw;
    }
}
