package dev.kiln.testing;

import java.io.File;
import java.io.IOException;
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
            unavailable(name + " is not installed (apt-get install it; .ci/run does)");
        }
        return found.get();
    }

    /** Whether the process runs as root (uid 0), which namespaces, chroot and overlay mounts need. */
    public static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Skips the test unless it runs as root; under {@code KILN_REQUIRE_TOOLS=1} fails it instead. */
    public static void requireRoot(String why) {
        if (!isRoot()) {
            unavailable("not running as root: " + why);
        }
    }

    /**
     * Skips the test unless overlayfs mounts work here (as root, in a private mount namespace, with the
     * options kiln's sandbox uses); under {@code KILN_REQUIRE_TOOLS=1} fails it instead.
     */
    public static void requireOverlay(Path scratch) {
        requireRoot("overlay mounts");
        if (!dev.kiln.build.snapshot.Snapshotters.overlayWorks(scratch)) {
            unavailable("overlayfs mounts do not work here (kernel module, or a filesystem overlay cannot sit on)");
        }
    }

    /**
     * Something else the test needs of the machine (a corpus, a built jar): when it does not hold, the
     * test is skipped with the message, or fails with it under {@code KILN_REQUIRE_TOOLS=1}.
     */
    public static void requireThat(boolean holds, String message) {
        if (!holds) {
            unavailable(message);
        }
    }

    /** Whether CI asked for every prerequisite to be present ({@code KILN_REQUIRE_TOOLS=1}). */
    public static boolean requiredByCi() {
        return "1".equals(System.getenv("KILN_REQUIRE_TOOLS"));
    }

    private static void unavailable(String message) {
        if (requiredByCi()) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
    }
}
