package dev.kiln.tar;

import java.util.ArrayDeque;
import java.util.Deque;

/** Path spelling rules for layer entries. */
public final class EntryPaths {

    private EntryPaths() {
    }

    /**
     * The {@link LayerEntry} spelling of an archive name: leading {@code /} and {@code ./} removed,
     * empty and {@code .} components dropped, no trailing slash. {@code ..} is kept so that validators
     * can see it; {@code "."} and {@code "/"} become {@code ""} (the root).
     */
    public static String normalise(String raw) {
        if (isNormal(raw)) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        int n = raw.length();
        while (i < n) {
            int slash = raw.indexOf('/', i);
            int end = slash < 0 ? n : slash;
            if (end > i && !(end - i == 1 && raw.charAt(i) == '.')) {
                if (out.length() > 0) {
                    out.append('/');
                }
                out.append(raw, i, end);
            }
            i = end + 1;
        }
        return out.toString();
    }

    /** Fast path: most names need no change. */
    private static boolean isNormal(String path) {
        if (path.isEmpty()) {
            return true;
        }
        if (path.charAt(0) == '/' || path.charAt(path.length() - 1) == '/') {
            return false;
        }
        return !path.contains("//") && !path.equals(".") && !path.startsWith("./") && !path.contains("/./")
                && !path.endsWith("/.");
    }

    /**
     * Resolves {@code ..} components lexically; returns null when the path climbs above the root.
     * The input must be {@link #normalise normalised}.
     */
    public static String resolveDots(String normalised) {
        if (!normalised.equals("..") && !normalised.startsWith("../") && !normalised.contains("/..")) {
            return normalised;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : normalised.split("/")) {
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else if (!part.isEmpty()) {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    /**
     * A container path cleaned like Go's {@code path.Clean} on a rooted path, in {@link LayerEntry}
     * spelling: {@code .} and empty segments dropped, {@code ..} resolved but never above the root,
     * no leading or trailing slash. Empty means the root. {@code ./a/../b//c/} gives {@code b/c}.
     */
    public static String clean(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}
