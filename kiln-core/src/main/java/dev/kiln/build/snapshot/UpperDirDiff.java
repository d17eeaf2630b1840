package dev.kiln.build.snapshot;

import dev.kiln.build.run.RootfsView;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an overlay upper directory into layer changes: 0:0 character devices become {@code .wh.}
 * entries (when the lowers have something to hide), opaque directories over a lower directory get
 * {@code .wh..wh..opq}, files and links are taken as they are, and directories are emitted when they
 * are new, differ from the lower one (mode, owner, mtime, xattrs) or hold an emitted entry, so a
 * directory overlay copied up only for a mount point and then restored does not appear.
 */
final class UpperDirDiff {

    private final Path upper;
    private final RootfsView lower;
    private final Xattrs xattrs;
    private final List<LayerOrder.Found> found = new ArrayList<>();

    private UpperDirDiff(Path upper, RootfsView lower, Xattrs xattrs) {
        this.upper = upper;
        this.lower = lower;
        this.xattrs = xattrs;
    }

    static List<Change> diff(Path upper, RootfsView lower) throws IOException {
        UpperDirDiff diff = new UpperDirDiff(upper, lower, Xattrs.readTree(upper));
        diff.directory(upper, "");
        return LayerOrder.finish(diff.found);
    }

    /** Adds the directory's changed children; returns whether anything below it was emitted. */
    private boolean directory(Path dir, String path) throws IOException {
        boolean any = false;
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            String childPath = path.isEmpty() ? name : path + "/" + name;
            HostEntries.Stat stat = HostEntries.stat(child);
            if (stat.isWhiteoutDevice()) {
                if (lower.exists("/" + childPath)) {
                    found.add(new LayerOrder.Found(Change.of(LayerEntry.whiteout(childPath)), 0, 1));
                    any = true;
                }
                continue;
            }
            if (stat.socket()) {
                continue; // tar cannot hold sockets; Docker drops them too
            }
            if (stat.type() == EntryType.DIRECTORY) {
                Optional<Path> below = lower.entry("/" + childPath);
                boolean lowerIsDir = below.isPresent() && Files.isDirectory(below.get(), LinkOption.NOFOLLOW_LINKS);
                boolean opaque = lowerIsDir && RootfsView.isOpaque(child) && hasChildren(below.get(), childPath);
                LayerEntry entry = HostEntries.entry(childPath, child, stat, xattrs.of(child));
                boolean changed = !lowerIsDir || opaque || !sameDirectory(entry, below.get());
                boolean inside = directory(child, childPath);
                if (changed || inside) {
                    found.add(new LayerOrder.Found(Change.of(entry), stat.inode(), 1));
                    any = true;
                }
                if (opaque) {
                    found.add(new LayerOrder.Found(Change.of(LayerEntry.opaqueWhiteout(childPath)), 0, 1));
                }
                continue;
            }
            LayerEntry entry = HostEntries.entry(childPath, child, stat, xattrs.of(child));
            found.add(new LayerOrder.Found(new Change(entry, entry.type() == EntryType.FILE ? child : null),
                    stat.inode(), stat.nlink()));
            any = true;
        }
        return any;
    }

    /** Whether the merged lower directory has any visible child (else an opaque mark hides nothing). */
    private boolean hasChildren(Path anyLowerCopy, String path) throws IOException {
        // the merged view may draw children from several lowers; probe the names of each lower copy
        for (Path layerDir : lowerCopies(path)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(layerDir)) {
                for (Path child : stream) {
                    if (lower.exists("/" + path + "/" + child.getFileName())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private List<Path> lowerCopies(String path) throws IOException {
        List<Path> copies = new ArrayList<>();
        for (Path layer : lower.layers()) {
            Path candidate = layer.resolve(path);
            if (Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)) {
                copies.add(candidate);
            }
        }
        return copies;
    }

    private boolean sameDirectory(LayerEntry upperEntry, Path lowerDir) throws IOException {
        HostEntries.Stat stat = HostEntries.stat(lowerDir);
        if (stat.mode() != upperEntry.mode() || stat.uid() != upperEntry.uid() || stat.gid() != upperEntry.gid()
                || !stat.mtime().equals(upperEntry.mtime())) {
            return false;
        }
        Map<String, byte[]> below = Xattrs.readOne(lowerDir);
        if (below.size() != upperEntry.xattrs().size()) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : below.entrySet()) {
            if (!Arrays.equals(e.getValue(), upperEntry.xattrs().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
