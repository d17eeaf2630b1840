package dev.kiln.build.context;

import java.util.regex.Pattern;

/**
 * A slash-separated path pattern as {@code .dockerignore}, COPY sources and {@code --exclude} write
 * them: {@code *} any run within one segment, {@code ?} one character, {@code [a-z]} / {@code [^a-z]}
 * classes, {@code **} any number of whole segments (also none), backslash escapes.
 */
public final class PathPattern {

    private final String text;
    private final Pattern regex;

    private PathPattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /** Compiles a cleaned pattern (no leading slash, no {@code .} segments). */
    public static PathPattern compile(String pattern) {
        return new PathPattern(pattern, Pattern.compile(toRegex(pattern), Pattern.DOTALL));
    }

    public String text() {
        return text;
    }

    /** True if the whole relative path matches. */
    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    /** True if the pattern holds a wildcard, so that it names a set of paths rather than one. */
    public static boolean hasWildcard(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                boolean doubled = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                if (doubled) {
                    boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
                    int after = i + 2;
                    if (segmentStart && after < glob.length() && glob.charAt(after) == '/') {
                        re.append("(?:.*/)?");
                        i = after + 1;
                    } else {
                        re.append(".*");
                        i = after;
                    }
                    continue;
                }
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '\\' && i + 1 < glob.length()) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 2);
                if (close < 0) {
                    re.append("\\[");
                } else {
                    String body = glob.substring(i + 1, close);
                    re.append('[');
                    if (body.startsWith("!") || body.startsWith("^")) {
                        re.append('^');
                        body = body.substring(1);
                    }
                    for (int j = 0; j < body.length(); j++) {
                        char b = body.charAt(j);
                        if (b == '\\' && j + 1 < body.length()) {
                            b = body.charAt(++j);
                            re.append('\\').append(b);
                            continue;
                        }
                        if (b == '[' || b == ']' || b == '&' || b == '^') {
                            re.append('\\');
                        }
                        re.append(b);
                    }
                    re.append(']');
                    i = close;
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return re.toString();
    }

    /**
     * Cleans a pattern or path like Go's {@code filepath.Clean} for relative use: {@code .} and empty
     * segments dropped, {@code ..} resolved, the leading slash removed. Empty means the root.
     */
    public static String clean(String path) {
        java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                continue;
            }
            out.addLast(segment);
        }
        return String.join("/", out);
    }

    @Override
    public String toString() {
        return text;
    }
}
