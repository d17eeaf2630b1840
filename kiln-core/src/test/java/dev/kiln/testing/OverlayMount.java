package dev.kiln.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only overlayfs mount of overlay-style layer directories (top first), mounted by the kernel
 * with the options {@code build.run} uses, so tests see exactly what a container sees. Needs root.
 */
public final class OverlayMount implements AutoCloseable {

    private final Path mountPoint;

    private OverlayMount(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts {@code lowersTopFirst} at {@code mountPoint} (made if missing); an empty bottom layer is added. */
    public static OverlayMount of(List<Path> lowersTopFirst, Path mountPoint) throws IOException {
        Files.createDirectories(mountPoint);
        Path empty = Files.createDirectories(mountPoint.resolveSibling(mountPoint.getFileName() + ".empty"));
        List<String> lowers = new ArrayList<>();
        for (Path p : lowersTopFirst) {
            lowers.add(p.toAbsolutePath().toString());
        }
        lowers.add(empty.toAbsolutePath().toString());
        ExternalCommand.check(null, "mount", "-t", "overlay", "overlay", "-o",
                "ro,userxattr,index=off,metacopy=off,redirect_dir=nofollow,lowerdir=" + String.join(":", lowers),
                mountPoint.toString());
        return new OverlayMount(mountPoint);
    }

    public Path root() {
        return mountPoint;
    }

    @Override
    public void close() {
        ExternalCommand.check(null, "umount", mountPoint.toString());
    }
}
