package dev.kiln.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real buildah with its own storage under a test directory, on the overlay driver. The driver
 * matters: buildah's vfs driver diffs whole copies and writes a whiteout per deleted child, so only
 * overlay storage gives layers with the opaque marker ({@code .wh..wh..opq}) that real images carry
 * when a RUN removes a directory and makes it again. Needs root (overlay mounts).
 */
public final class Buildah implements AutoCloseable {

    private final List<String> base;

    private Buildah(List<String> base) {
        this.base = base;
    }

    /** buildah with root and runroot under {@code dir}, overlay storage and chroot isolation for RUN. */
    public static Buildah overlay(Path dir) {
        Path buildah = Tools.require("buildah");
        Tools.requireOverlay(dir.resolve("overlay-probe"));
        return new Buildah(List.of(buildah.toString(), "--root", dir.resolve("buildah-root").toString(),
                "--runroot", dir.resolve("buildah-runroot").toString(), "--storage-driver", "overlay"));
    }

    /** Runs {@code buildah ARGS} with this storage and returns its stdout; fails the test unless it exits 0. */
    public String run(String... args) {
        List<String> command = new ArrayList<>(base);
        command.addAll(List.of(args));
        ExternalCommand.Result result = ExternalCommand.run(null, command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.exitCode() + ": " + result.stderr());
        }
        return result.out();
    }

    /** Commits the directory {@code rootfs} as the one-layer image {@code name} (FROM scratch + copy). */
    public void importRootfs(Path rootfs, String name) {
        String container = run("from", "scratch").strip();
        run("copy", container, rootfs + "/", "/");
        run("commit", "-q", container, name);
        run("rm", container);
    }

    /** {@code buildah bud} with a layer per step and chroot isolation. */
    public void build(Path containerfile, Path context, String tag) {
        run("bud", "--isolation", "chroot", "--layers", "-q", "-f", containerfile.toString(), "-t", tag, context.toString());
    }

    /** Writes {@code image} into the OCI layout {@code layout} under {@code tag}. */
    public void pushToLayout(String image, Path layout, String tag) {
        run("push", "-q", image, "oci:" + layout + ":" + tag);
    }

    /**
     * The image's root filesystem as buildah itself presents it (a container's mounted overlay), as a
     * {@link TreeSnapshot}: the reference an unpack of the same image by any other tool must equal.
     */
    public Map<String, String> tree(String image) throws IOException {
        String container = run("from", "--pull-never", image).strip();
        try {
            Path mounted = Path.of(run("mount", container).strip());
            try {
                return TreeSnapshot.of(mounted);
            } finally {
                run("umount", container);
            }
        } finally {
            run("rm", container);
        }
    }

    /** Removes the containers and images, so no overlay mount of this storage outlives the test. */
    @Override
    public void close() {
        List<String> rm = new ArrayList<>(base);
        rm.addAll(List.of("rm", "--all"));
        ExternalCommand.run(null, rm);
        List<String> rmi = new ArrayList<>(base);
        rmi.addAll(List.of("rmi", "--all", "--force"));
        ExternalCommand.run(null, rmi);
    }
}
