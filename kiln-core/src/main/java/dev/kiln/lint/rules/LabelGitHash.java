package dev.kiln.lint.rules;

import dev.kiln.lint.LabelType;

/** DL3055: a {@code hash} label that is not a git commit hash (7 to 40 hex digits, or a 64-digit SHA-256 one). */
public final class LabelGitHash extends LabelFormatRule {

    public LabelGitHash() {
        super("DL3055", LabelType.HASH, "Label is not a valid git hash", "a git commit hash (7 to 40 hex digits)");
    }

    @Override
    boolean valid(String value) {
        return value.matches("[0-9a-fA-F]{7,40}") || value.matches("[0-9a-fA-F]{64}");
    }
}
