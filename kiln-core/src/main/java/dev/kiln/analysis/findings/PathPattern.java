package dev.kiln.analysis.findings;

import dev.kiln.analysis.PathTrie;
import java.util.ArrayList;
import java.util.List;

/**
 * A path glob matched against trie nodes from the last component up: components are literal names,
 * globs with {@code *} and {@code ?} inside one component, or {@code **} for any number of components.
 * {@code usr/share/doc}, {@code var/cache/apt/*.bin}, {@code home/*}{@code /.cache/pip}.
 */
final class PathPattern {

    private final String text;
    private final String[] parts;
    private final String literalPrefix;

    private PathPattern(String text) {
        this.text = text;
        this.parts = text.split("/");
        List<String> literal = new ArrayList<>();
        for (String part : parts) {
            if (part.contains("*") || part.contains("?")) {
                break;
            }
            literal.add(part);
        }
        this.literalPrefix = String.join("/", literal);
    }

    static PathPattern of(String text) {
        return new PathPattern(text);
    }

    /** The leading components without wildcards: where a search for matches can start. */
    String literalPrefix() {
        return literalPrefix;
    }

    boolean matches(PathTrie trie, int node) {
        return match(trie, parts.length - 1, node);
    }

    private boolean match(PathTrie trie, int index, int node) {
        if (index < 0) {
            return node == PathTrie.ROOT;
        }
        String part = parts[index];
        if (part.equals("**")) {
            return match(trie, index - 1, node) || (node != PathTrie.ROOT && match(trie, index, trie.parent(node)));
        }
        return node != PathTrie.ROOT && glob(part, trie.name(node)) && match(trie, index - 1, trie.parent(node));
    }

    /** Whether one name matches one glob component. */
    static boolean glob(String pattern, String name) {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
            return pattern.equals(name);
        }
        int p = 0;
        int n = 0;
        int star = -1;
        int mark = 0;
        while (n < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return text;
    }
}
