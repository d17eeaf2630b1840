package dev.kiln.build.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The root filesystem a sandboxed process runs in. An overlay is mounted by the sandbox itself inside
 * its private mount namespace, so no mount is ever visible on the host and none outlives the run,
 * even when kiln is killed.
 */
public sealed interface Rootfs permits Rootfs.Directory, Rootfs.Overlay {

    /** Where the root is, as seen from the sandbox's mount namespace before it enters the root. */
    Path mountPoint();

    /** A plain writable directory (the walk snapshotter's working copy). */
    record Directory(Path dir) implements Rootfs {
        public Directory {
            Objects.requireNonNull(dir, "dir");
            dir = dir.toAbsolutePath().normalize();
        }

        @Override
        public Path mountPoint() {
            return dir;
        }
    }

    /**
     * An overlayfs of read-only lower directories (top first; overlay-style whiteouts, opaque dirs
     * marked with {@code user.overlay.opaque=y}) under a writable upper directory. Mounted with
     * {@code userxattr,index=off,metacopy=off,redirect_dir=nofollow}: upper directories then hold
     * whole files and plain whiteouts, which the overlay snapshotter turns into OCI entries.
     * An empty {@code lowerDirs} (FROM scratch) is allowed.
     */
    record Overlay(List<Path> lowerDirs, Path upperDir, Path workDir, Path mountPoint) implements Rootfs {
        public Overlay {
            lowerDirs = lowerDirs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
            upperDir = upperDir.toAbsolutePath().normalize();
            workDir = workDir.toAbsolutePath().normalize();
            mountPoint = mountPoint.toAbsolutePath().normalize();
        }
    }
}
