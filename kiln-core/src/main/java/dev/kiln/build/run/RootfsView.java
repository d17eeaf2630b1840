package dev.kiln.build.run;

import dev.kiln.tar.OverlayStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a root filesystem the way the process inside will see it, without mounting anything: a plain
 * directory, or an overlay stack (upper first, then lowers) merged with overlayfs's rules: a whiteout
 * (a 0:0 character device) hides lower entries, a directory marked {@code user.overlay.opaque=y}
 * hides lower contents, a non-directory hides lower entries of the same name, and directories merge.
 * Symlinks resolve inside the root, never outside it.
 */
public final class RootfsView {

    /** The xattr (without the {@code user.} prefix Java adds) that marks an opaque overlay directory. */
    public static final String OPAQUE_XATTR = OverlayStack.OPAQUE_XATTR;

    private static final int MAX_SYMLINKS = 40;

    private final List<Path> layers;
    private final OverlayStack stack;

    private RootfsView(List<Path> layers) {
        this.layers = List.copyOf(layers);
        this.stack = OverlayStack.of(this.layers);
    }

    /** The view a process gets of {@code rootfs} (for an overlay: its upper dir over its lowers). */
    public static RootfsView of(Rootfs rootfs) {
        if (rootfs instanceof Rootfs.Overlay overlay) {
            List<Path> stack = new ArrayList<>();
            stack.add(overlay.upperDir());
            stack.addAll(overlay.lowerDirs());
            return new RootfsView(stack);
        }
        return new RootfsView(List.of(rootfs.mountPoint()));
    }

    /** The layer directories of this view, top first (one for a plain directory). */
    public List<Path> layers() {
        return layers;
    }

    /** A view of overlay-style layer directories, top first. */
    public static RootfsView ofLayers(List<Path> topFirst) {
        return new RootfsView(topFirst);
    }

    /**
     * The host path holding the container path's entry, following symlinks in every component
     * ({@code followLast} decides for the last one), or empty when it does not exist.
     */
    public Optional<Path> find(String containerPath, boolean followLast) throws IOException {
        List<String> pending = new ArrayList<>(ContainerPath.segments(containerPath));
        List<String> resolved = new ArrayList<>();
        int hops = 0;
        Path found = null;
        if (pending.isEmpty()) {
            return layers.stream().filter(Files::isDirectory).findFirst();
        }
        while (!pending.isEmpty()) {
            String name = pending.remove(0);
            if (name.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            resolved.add(name);
            Optional<Path> entry = lookup(resolved);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            Path path = entry.get();
            if (Files.isSymbolicLink(path) && (!pending.isEmpty() || followLast)) {
                if (++hops > MAX_SYMLINKS) {
                    throw new IOException("too many levels of symbolic links at /" + String.join("/", resolved));
                }
                String target = Files.readSymbolicLink(path).toString();
                resolved.remove(resolved.size() - 1);
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> next = new ArrayList<>();
                for (String part : target.split("/")) {
                    if (!part.isEmpty() && !part.equals(".")) {
                        next.add(part);
                    }
                }
                next.addAll(pending);
                pending = next;
                found = null;
                continue;
            }
            if (!pending.isEmpty() && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            found = path;
        }
        return found == null ? layers.stream().filter(Files::isDirectory).findFirst() : Optional.of(found);
    }

    /**
     * The container path with every symlink in its parent components resolved inside the root (the
     * last component is kept as is), so that host-side operations on {@code root + result} never
     * follow a link out of the root. Missing components are kept literally.
     */
    public String resolveParents(String containerPath) throws IOException {
        List<String> segments = ContainerPath.segments(containerPath);
        if (segments.isEmpty()) {
            return "/";
        }
        List<String> resolved = resolveAll(segments.subList(0, segments.size() - 1));
        resolved.add(segments.get(segments.size() - 1));
        return "/" + String.join("/", resolved);
    }

    /** The container path with every symlink resolved inside the root, the last component too. */
    public String resolve(String containerPath) throws IOException {
        return "/" + String.join("/", resolveAll(ContainerPath.segments(containerPath)));
    }

    private List<String> resolveAll(List<String> segments) throws IOException {
        List<String> resolved = new ArrayList<>();
        List<String> pending = new ArrayList<>(segments);
        int hops = 0;
        while (!pending.isEmpty()) {
            String name = pending.remove(0);
            if (name.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            resolved.add(name);
            Optional<Path> entry = lookup(resolved);
            if (entry.isPresent() && Files.isSymbolicLink(entry.get())) {
                if (++hops > MAX_SYMLINKS) {
                    throw new IOException("too many levels of symbolic links at /" + String.join("/", resolved));
                }
                String target = Files.readSymbolicLink(entry.get()).toString();
                resolved.remove(resolved.size() - 1);
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> next = new ArrayList<>();
                for (String part : target.split("/")) {
                    if (!part.isEmpty() && !part.equals(".")) {
                        next.add(part);
                    }
                }
                next.addAll(pending);
                pending = next;
            }
        }
        return resolved;
    }

    /** The type of the merged entry at a symlink-free container path, or empty when missing. */
    public Optional<Path> entry(String resolvedPath) throws IOException {
        List<String> segments = ContainerPath.segments(resolvedPath);
        if (segments.isEmpty()) {
            return find("/", false);
        }
        return lookup(segments);
    }

    /** Whether the container path exists (a dangling last symlink counts as existing). */
    public boolean exists(String containerPath) throws IOException {
        return find(containerPath, false).isPresent();
    }

    /** Reads a small text file (e.g. /etc/passwd) through the view, or empty when it is missing. */
    public Optional<String> readString(String containerPath) throws IOException {
        Optional<Path> path = find(containerPath, true);
        if (path.isEmpty() || !Files.isRegularFile(path.get(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(path.get(), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The topmost entry for symlink-free segments, honouring whiteouts and opaque directories. */
    private Optional<Path> lookup(List<String> segments) throws IOException {
        return stack.entry(segments);
    }

    /** Whether an entry of an overlay layer dir is a whiteout: a character device 0:0. */
    public static boolean isWhiteout(Path path) throws IOException {
        return OverlayStack.isWhiteout(path);
    }

    /** Whether a layer directory is marked opaque ({@code user.overlay.opaque=y}). */
    public static boolean isOpaque(Path dir) throws IOException {
        return OverlayStack.isOpaque(dir);
    }
}
