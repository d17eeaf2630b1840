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

    /** A sub-folder of the corpus, e.g. {@code "buildkit-parser"}, if present. */
    public static Optional<Path> folder(String name) {
        return root().map(r -> r.resolve(name)).filter(Files::isDirectory);
    }
}
