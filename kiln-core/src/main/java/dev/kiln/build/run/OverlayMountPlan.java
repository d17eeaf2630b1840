package dev.kiln.build.run;

import dev.kiln.KilnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How a sandbox mounts an overlay root. Linux passes mount options in one page, and an image's lower
 * dirs ({@code $KILN_HOME/layers/sha256/<64 hex>}) fill it at about forty layers; so the lower dirs
 * are named through a per-run directory of short symlinks ({@code 0}, {@code 1}, ...) and the mount
 * runs from inside it with relative names, which overlayfs resolves against the caller's working
 * directory (following the links) when it mounts. That leaves room for overlayfs's own limit of
 * {@value #MAX_LAYERS} lower layers.
 */
final class OverlayMountPlan {

    /** Options that keep upper dirs plain: whole files, plain whiteouts, opaque marks in user xattrs. */
    static final String OVERLAY_OPTIONS = "userxattr,index=off,metacopy=off,redirect_dir=nofollow";

    /** Linux limits mount options to a page (4096 bytes with the terminating NUL). */
    static final int MAX_MOUNT_OPTIONS = 4000;

    /** Overlayfs's maximum stack depth (OVL_MAX_STACK). */
    static final int MAX_LAYERS = 500;

    private final Rootfs.Overlay overlay;

    OverlayMountPlan(Rootfs.Overlay overlay) {
        this.overlay = overlay;
    }

    /** The directory of short lower-dir links, beside the work dir. */
    Path linkDir() {
        return overlay.workDir().resolveSibling(overlay.workDir().getFileName() + "-lowers");
    }

    /** The lower dirs actually mounted, top first: an empty dir stands in for none (FROM scratch). */
    List<Path> lowers() {
        if (overlay.lowerDirs().isEmpty()) {
            return List.of(overlay.workDir().resolveSibling(overlay.workDir().getFileName() + "-empty"));
        }
        return overlay.lowerDirs();
    }

    /** The mount options, lower dirs named relative to {@link #linkDir()}. */
    String options() throws SandboxException {
        int count = lowers().size();
        if (count > MAX_LAYERS) {
            throw new SandboxException(KilnException.Kind.FAILURE, "the image has " + count
                    + " layers; overlayfs mounts at most " + MAX_LAYERS + ": squash some of them (kiln squash)");
        }
        StringBuilder lower = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lower.append(i == 0 ? "" : ":").append(i);
        }
        String options = "lowerdir=" + lower + ",upperdir=" + escape(overlay.upperDir().toString())
                + ",workdir=" + escape(overlay.workDir().toString()) + "," + OVERLAY_OPTIONS;
        if (options.length() > MAX_MOUNT_OPTIONS) {
            throw new SandboxException(KilnException.Kind.FAILURE, "the overlay mount options are longer than a page ("
                    + options.length() + " bytes): use a shorter scratch directory");
        }
        return options;
    }

    /** The shell line that mounts the overlay at {@code $R} (run from the link dir, in a subshell). */
    String mountCommand() throws SandboxException {
        return "mkdir -p \"$R\" && (cd " + Shell.quote(linkDir().toString()) + " && mount -t overlay kiln-root -o "
                + Shell.quote(options()) + " \"$R\") || fail 'cannot mount the overlay root filesystem'\n";
    }

    /** Creates the upper, work and mount dirs and the link dir ({@code N -> lower dir N}, top first). */
    void prepare() throws SandboxException {
        try {
            Files.createDirectories(overlay.upperDir());
            Files.createDirectories(overlay.workDir());
            Files.createDirectories(overlay.mountPoint());
            if (overlay.lowerDirs().isEmpty()) {
                Files.createDirectories(lowers().get(0));
            }
            Path links = linkDir();
            if (Files.isDirectory(links)) {
                List<Path> old;
                try (Stream<Path> list = Files.list(links)) {
                    old = list.toList();
                }
                for (Path link : old) {
                    Files.delete(link);
                }
            }
            Files.createDirectories(links);
            List<Path> lowers = new ArrayList<>(lowers());
            for (int i = 0; i < lowers.size(); i++) {
                Files.createSymbolicLink(links.resolve(Integer.toString(i)), lowers.get(i));
            }
        } catch (IOException e) {
            throw new SandboxException(KilnException.Kind.FAILURE, "cannot create overlay directories: " + e.getMessage(), e);
        }
    }

    /** Overlayfs separates lower dirs with ':' and options with ','; both are escaped with '\'. */
    private static String escape(String path) {
        return path.replace("\\", "\\\\").replace(":", "\\:").replace(",", "\\,");
    }
}
