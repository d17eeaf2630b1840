package dev.kiln.build.context;

import dev.kiln.glob.PathGlob;
import dev.kiln.tar.EntryPaths;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a {@code .dockerignore} file, with Docker's semantics: one pattern per line, {@code #}
 * comment lines and blank lines skipped, a leading {@code !} re-includes, patterns are cleaned and
 * anchored at the context root, a pattern also matches everything below a directory it matches, and
 * the last matching line wins.
 */
public final class DockerIgnore {

    private record Rule(PathGlob pattern, boolean exception) {
    }

    /** Nothing ignored. */
    public static final DockerIgnore NONE = new DockerIgnore(List.of());

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = false;
            if (line.startsWith("!")) {
                exception = true;
                line = line.substring(1).strip();
            }
            String cleaned = EntryPaths.clean(line);
            if (cleaned.isEmpty()) {
                continue;
            }
            rules.add(new Rule(PathGlob.compile(cleaned), exception));
        }
        return new DockerIgnore(rules);
    }

    /** Ignore rules given as separate patterns ({@code COPY --exclude}). */
    public static DockerIgnore of(List<String> patterns) {
        return parse(String.join("\n", patterns));
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** True when some rule re-includes, so an excluded directory must still be walked. */
    public boolean hasExceptions() {
        return rules.stream().anyMatch(Rule::exception);
    }

    /** Whether the relative path (slash-separated, no leading slash) is left out. */
    public boolean excludes(String path) {
        boolean excluded = false;
        for (Rule rule : rules) {
            if (matchesSelfOrParent(rule.pattern(), path)) {
                excluded = !rule.exception();
            }
        }
        return excluded;
    }

    private static boolean matchesSelfOrParent(PathGlob pattern, String path) {
        if (pattern.matches(path)) {
            return true;
        }
        int slash = path.indexOf('/');
        while (slash > 0) {
            if (pattern.matches(path.substring(0, slash))) {
                return true;
            }
            slash = path.indexOf('/', slash + 1);
        }
        return false;
    }
}
