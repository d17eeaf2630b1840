package dev.kiln.lint.rules;

/** Small text tests used on every command, written out because a regex compiled per call costs start-up time. */
final class Names {

    private Names() {
    }

    /** True for {@code stem} followed only by digits and dots: {@code pip}, {@code pip3}, {@code python3.12}. */
    static boolean versioned(String name, String stem) {
        if (!name.startsWith(stem)) {
            return false;
        }
        for (int i = stem.length(); i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** True for a non-empty run of ASCII digits. */
    static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** True if any of these characters occurs in {@code s}. */
    static boolean containsAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
