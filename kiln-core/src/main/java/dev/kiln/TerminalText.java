package dev.kiln;

/**
 * Text from user input (Dockerfiles, tar entry names, image configs, error messages that quote them)
 * made safe to print on a terminal: C0 and C1 control characters (except tab), DEL, and the Unicode
 * line separators and bidirectional overrides are written as visible escapes ({@code \x1b},
 * {@code \u202e}), so a file cannot retitle the window, move the cursor or reorder what is shown.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** One line: newlines are escaped too. */
    public static String safe(String text) {
        return escape(text, false);
    }

    /** Several lines: newlines stay, everything else as {@link #safe}. */
    public static String safeLines(String text) {
        return escape(text, true);
    }

    /**
     * Whitespace as wide as the first {@code chars} characters of {@code line} once made safe, tabs
     * kept, for a caret under a column.
     */
    public static String padUnder(String line, int chars) {
        String shown = safe(line.substring(0, Math.max(0, Math.min(chars, line.length()))));
        StringBuilder pad = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            pad.append(shown.charAt(i) == '\t' ? '\t' : ' ');
        }
        return pad.toString();
    }

    private static String escape(String text, boolean keepNewlines) {
        if (text == null) {
            return null;
        }
        int first = 0;
        while (first < text.length() && !needsEscape(text.charAt(first), keepNewlines)) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c, keepNewlines)) {
                out.append(c);
            } else if (c < 0x100) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(char c, boolean keepNewlines) {
        if (c == '\t' || (keepNewlines && c == '\n')) {
            return false;
        }
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
