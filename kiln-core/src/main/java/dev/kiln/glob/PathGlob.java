package dev.kiln.glob;

import java.util.regex.Pattern;

/**
 * A slash-separated path pattern as {@code .dockerignore}, COPY sources, {@code --exclude} and the
 * analysis path rules write them: {@code *} any run within one segment, {@code ?} one character,
 * {@code [a-z]} / {@code [^a-z]} classes, {@code **} any number of whole segments (also none),
 * backslash escapes. Patterns and paths are relative: no leading slash, no {@code .} segments.
 */
public final class PathGlob {

    private final String text;
    private final Pattern regex;
    private final String literalPrefix;

    private PathGlob(String text) {
        this.text = text;
        this.regex = GlobRegex.compile(text, GlobRegex.Scope.PATH);
        StringBuilder prefix = new StringBuilder();
        for (String segment : text.split("/", -1)) {
            if (GlobRegex.hasWildcard(segment) || segment.indexOf('\\') >= 0) {
                break;
            }
            if (prefix.length() > 0) {
                prefix.append('/');
            }
            prefix.append(segment);
        }
        this.literalPrefix = prefix.toString();
    }

    /** Compiles a cleaned pattern. */
    public static PathGlob compile(String pattern) {
        return new PathGlob(pattern);
    }

    /** True if the pattern holds a wildcard, so that it names a set of paths rather than one. */
    public static boolean hasWildcard(String pattern) {
        return GlobRegex.hasWildcard(pattern);
    }

    public String text() {
        return text;
    }

    /** True if the whole relative path matches. */
    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    /** The leading segments without wildcards or escapes: where a search for matches can start. */
    public String literalPrefix() {
        return literalPrefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
