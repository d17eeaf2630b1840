package dev.kiln.tag;

import java.util.Locale;

/** How tags are computed; {@code --tag-scheme} on {@code kiln build}, {@code kiln push} and {@code kiln tag compute}. */
public enum TagScheme {
    /** {@code X.Y.Z-N}: the code's version and a build number (or timestamp). */
    SEMVER_BUILD("semver-build");

    private final String label;

    TagScheme(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static TagScheme parse(String text) throws TagException {
        for (TagScheme s : values()) {
            if (s.label.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw TagException.badInput("unknown tag scheme '" + text + "' (known: semver-build)");
    }

    @Override
    public String toString() {
        return label;
    }
}
