package dev.kiln.lint.fix;

import dev.kiln.lint.TextEdit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Applies non-overlapping text edits to a string. */
public final class Edits {

    private Edits() {
    }

    /** The text with every edit applied; edits must not overlap (checked). */
    public static String apply(String text, List<TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.naturalOrder());
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).overlaps(sorted.get(i - 1))) {
                throw new IllegalArgumentException("overlapping edits " + sorted.get(i - 1) + " and " + sorted.get(i));
            }
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        int at = 0;
        for (TextEdit e : sorted) {
            if (e.end() > text.length()) {
                throw new IllegalArgumentException("edit beyond the end of the text: " + e);
            }
            out.append(text, at, e.start()).append(e.text());
            at = e.end();
        }
        out.append(text, at, text.length());
        return out.toString();
    }
}
