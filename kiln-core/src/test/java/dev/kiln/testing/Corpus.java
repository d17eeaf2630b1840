package dev.kiln.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared conformance corpus ({@code shared/corpus}: BuildKit parser cases, official-image
 * Dockerfiles). It lives beside the repository, not in it, so a clone elsewhere may not have it:
 * tests then skip and say so.
 */
public final class Corpus {

    private Corpus() {
    }

    /** {@code $KILN_CORPUS} if set, else the first {@code shared/corpus} found walking up from the working directory. */
    public static Optional<Path> root() {
        String configured = System.getenv("KILN_CORPUS");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * A sub-folder of the corpus, e.g. {@code "buildkit-parser"}: skips the test, saying so, when it
     * is absent, or fails it when CI requires everything ({@code KILN_REQUIRE_TOOLS=1}).
     */
    public static Path require(String name) {
        Optional<Path> folder = folder(name);
        Tools.requireThat(folder.isPresent(), "shared/corpus/" + name + " not found (set KILN_CORPUS): its checks skipped");
        return folder.get();
    }

    /** The corpus root, or skip (fail in CI) as {@link #require(String)} does. */
    public static Path requireRoot() {
        Optional<Path> root = root();
        Tools.requireThat(root.isPresent(), "shared/corpus not found (set KILN_CORPUS): its checks skipped");
        return root.get();
    }

    /** A sub-folder of the corpus, e.g. {@code "buildkit-parser"}, if present. */
    public static Optional<Path> folder(String name) {
        return root().map(r -> r.resolve(name)).filter(Files::isDirectory);
    }
}
