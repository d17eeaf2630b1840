package dev.kiln.lint.fix;

/**
 * A fix that was applied.
 *
 * @param code        the rule it fixes
 * @param description what it did
 * @param line        where, in the text the fix was applied to (1-based)
 */
public record AppliedFix(String code, String description, int line) {
}
