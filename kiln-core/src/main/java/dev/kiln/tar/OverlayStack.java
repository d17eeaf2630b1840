package dev.kiln.tar;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Optional;

/**
 * Overlay-style layer directories (as {@link ExtractOptions.WhiteoutMode#OVERLAY} writes them), top
 * first, read with overlayfs's rules without mounting: a whiteout (a 0:0 character device) hides the
 * path in the layers below, a directory marked {@code user.overlay.opaque=y} hides what the layers
 * below hold under it, a non-directory hides everything below of the same name, and directories merge.
 * Lookups never follow symlinks.
 */
public final class OverlayStack {

    /** The xattr (without the {@code user.} prefix Java adds) that marks an opaque overlay directory. */
    public static final String OPAQUE_XATTR = "overlay.opaque";

    /** No layers: every lookup is empty. */
    public static final OverlayStack EMPTY = new OverlayStack(List.of());

    private final List<Path> layers;

    private OverlayStack(List<Path> topFirst) {
        this.layers = List.copyOf(topFirst);
    }

    public static OverlayStack of(List<Path> topFirst) {
        return topFirst.isEmpty() ? EMPTY : new OverlayStack(topFirst);
    }

    /** The layer directories, top first. */
    public List<Path> layers() {
        return layers;
    }

    /**
     * The host path of the topmost entry at a relative, symlink-free path ({@code a/b}; {@code ""} is
     * the root), or empty when the merged view has nothing there.
     */
    public Optional<Path> entry(String relative) throws IOException {
        return entry(relative.isEmpty() ? List.of() : List.of(relative.split("/")));
    }

    /** {@link #entry(String)} for a path given as its components. */
    public Optional<Path> entry(List<String> segments) throws IOException {
        if (segments.isEmpty()) {
            return layers.stream().filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).findFirst();
        }
        for (Path layer : layers) {
            Path path = layer;
            boolean opaqueAbove = false;
            for (int i = 0; i < segments.size(); i++) {
                path = path.resolve(segments.get(i));
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    break;
                }
                if (isWhiteout(path)) {
                    return Optional.empty();
                }
                if (i == segments.size() - 1) {
                    return Optional.of(path);
                }
                if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.empty();
                }
                opaqueAbove |= isOpaque(path);
            }
            if (opaqueAbove) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Whether an entry of an overlay layer dir is a whiteout: a character device 0:0. */
    public static boolean isWhiteout(Path path) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isOther()) {
            return false;
        }
        Object rdev = Files.getAttribute(path, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
        Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        boolean charDevice = ((Integer) mode & 0170000) == 0020000;
        return charDevice && ((Long) rdev) == 0L;
    }

    /** Whether a layer directory is marked opaque ({@code user.overlay.opaque=y}). */
    public static boolean isOpaque(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        UserDefinedFileAttributeView view = Files.getFileAttributeView(dir, UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return false;
        }
        try {
            if (!view.list().contains(OPAQUE_XATTR)) {
                return false;
            }
            ByteBuffer buffer = ByteBuffer.allocate(view.size(OPAQUE_XATTR));
            view.read(OPAQUE_XATTR, buffer);
            buffer.flip();
            return buffer.remaining() > 0 && buffer.get(0) == 'y';
        } catch (FileSystemException e) {
            return false;
        }
    }
}
