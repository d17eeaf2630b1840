package dev.kiln.glob;

import java.util.regex.Pattern;

/**
 * Glob syntax as Java regular expressions, the one translation behind path globs ({@code .dockerignore},
 * COPY sources, analysis path rules) and shell patterns ({@code ${V#pattern}}): {@code *}, {@code ?},
 * bracket expressions {@code [a-z]} / {@code [!a-z]} / {@code [^a-z]}, backslash escapes, and in paths
 * {@code **}.
 */
public final class GlobRegex {

    /** Where wildcards stop. */
    public enum Scope {
        /**
         * Slash-separated paths: {@code *} and {@code ?} stay inside one segment; {@code **} spans
         * segments, and {@code **}{@code /} at a segment start also matches no directory at all.
         */
        PATH,
        /** Plain strings (shell patterns): {@code *} and {@code ?} match any character, {@code /} too. */
        STRING
    }

    private GlobRegex() {
    }

    /** The regular expression for the whole of a glob (use it with {@code matches()}). */
    public static String translate(String glob, Scope scope) {
        boolean path = scope == Scope.PATH;
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                boolean doubled = path && i + 1 < glob.length() && glob.charAt(i + 1) == '*';
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
                re.append(path ? "[^/]*" : ".*");
            } else if (c == '?') {
                re.append(path ? "[^/]" : ".");
            } else if (c == '\\' && i + 1 < glob.length()) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 2);
                if (close < 0) {
                    re.append("\\[");
                } else {
                    bracket(glob.substring(i + 1, close), re);
                    i = close;
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return re.toString();
    }

    /** Compiles {@link #translate}; a pattern may span lines. */
    public static Pattern compile(String glob, Scope scope) {
        return Pattern.compile(translate(glob, scope), Pattern.DOTALL);
    }

    /** True if the glob holds an unescaped wildcard, so that it names a set of strings rather than one. */
    public static boolean hasWildcard(String glob) {
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    /** A bracket expression's body (between {@code [} and {@code ]}) as a regex character class. */
    private static void bracket(String body, StringBuilder re) {
        re.append('[');
        if (body.startsWith("!") || body.startsWith("^")) {
            re.append('^');
            body = body.substring(1);
        }
        for (int j = 0; j < body.length(); j++) {
            char b = body.charAt(j);
            if (b == '\\' && j + 1 < body.length()) {
                char escaped = body.charAt(++j);
                // a backslash before a letter or digit is a class (\d, \w) in a regex: leave it out there
                if (!Character.isLetterOrDigit(escaped)) {
                    re.append('\\');
                }
                re.append(escaped);
                continue;
            }
            // characters the regex class syntax gives a meaning that the glob's class does not have
            if (b == '\\' || b == '[' || b == ']' || b == '&' || b == '^') {
                re.append('\\');
            }
            re.append(b);
        }
        re.append(']');
    }
}
