package dev.kiln.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the real peer tools end-to-end tests use (skopeo, umoci, buildah, crun, docker-registry,
 * busybox, tini-static, debootstrap). A developer machine without one skips the test with a message;
 * CI sets {@code KILN_REQUIRE_TOOLS=1} so that a missing tool fails instead of hiding a gap.
 */
public final class Tools {

    private Tools() {
    }

    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The tool's path; skips the test when it is missing, or fails it when CI requires tools. */
    public static Path require(String name) {
        Optional<Path> found = find(name);
        if (found.isEmpty()) {
            String message = name + " is not installed (apt-get install it; .ci/run does)";
            if ("1".equals(System.getenv("KILN_REQUIRE_TOOLS"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return found.get();
    }

    /** Skips (or, in CI, fails) a test that needs root. */
    public static void requireRoot(String why) {
        if (isRoot()) {
            return;
        }
        String message = why + ": needs root (uid 0)";
        if ("1".equals(System.getenv("KILN_REQUIRE_TOOLS"))) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
    }

    /** Whether the process runs as root, which namespaces, chroot and overlay mounts need. */
    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
