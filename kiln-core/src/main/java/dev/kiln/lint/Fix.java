package dev.kiln.lint;

import java.util.List;

/**
 * A safe automatic correction of one finding: edits applied together, or not at all.
 *
 * @param description what the fix does, shown by {@code kiln fix --diff} and in reports
 * @param edits       non-overlapping edits of the source text
 */
public record Fix(String description, List<TextEdit> edits) {

    public Fix {
        edits = List.copyOf(edits);
        if (edits.isEmpty()) {
            throw new IllegalArgumentException("a fix needs at least one edit");
        }
    }

    public static Fix of(String description, TextEdit... edits) {
        return new Fix(description, List.of(edits));
    }

    /** True if any edit of this fix overlaps any edit of {@code other}. */
    public boolean overlaps(Fix other) {
        for (TextEdit a : edits) {
            for (TextEdit b : other.edits) {
                if (a.overlaps(b)) {
                    return true;
                }
            }
        }
        return false;
    }
}
