package dev.kiln.lint.fix;

import java.util.List;

/**
 * The outcome of fixing one file.
 *
 * @param file     the name as given
 * @param original the text before
 * @param fixed    the text after (equal to the original when nothing applied)
 * @param applied  the fixes applied, in the order applied
 * @param rejected fixes that were offered but not applied because the result did not parse or had
 *                 more findings of some rule
 */
public record FixResult(String file, String original, String fixed, List<AppliedFix> applied, List<AppliedFix> rejected) {

    public FixResult {
        applied = List.copyOf(applied);
        rejected = List.copyOf(rejected);
    }

    public boolean changed() {
        return !original.equals(fixed);
    }
}
