package dev.kiln.tar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** One layer being unpacked into one root: the on-disk half of {@link SafeExtractor}. */
final class Extraction {

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path root;
    private final ExtractOptions options;
    private final boolean overlay;
    private final OverlayStack lowers;
    private final EntryValidator validator;
    /** Paths this layer has an entry for: its whiteouts only hide what lower layers put there. */
    private final NavigableSet<String> written = new TreeSet<>();
    /** Directories known to be real directories (not symlinks) since this extraction checked or made them. */
    private final Set<String> knownDirectories = new HashSet<>();
    private final List<LayerEntry> directories = new ArrayList<>();
    /**
     * Directories this extraction made (or emptied of everything lower) only because something of the
     * layer lies below them: the layer has no entry for them, so their metadata is not the layer's to set.
     */
    private final NavigableSet<String> implicit = new TreeSet<>();
    /** APPLY mode: lower symlinks moved out of the way of this layer's entries, by path. */
    private final Map<String, Aside> setAside = new HashMap<>();
    /** OVERLAY mode: the layer's whiteouts, resolved at the end, when the layer's own entries are known. */
    private final Set<String> deleted = new LinkedHashSet<>();
    private final Set<String> opaque = new LinkedHashSet<>();
    /** Whether what was written depends on the lower layers (OVERLAY mode), see {@link SafeExtractor.Result}. */
    private boolean dependsOnLowers;
    private final byte[] buffer = new byte[256 * 1024];

    Extraction(Path root, ExtractOptions options, OverlayStack lowers) {
        this.root = root;
        this.options = options;
        this.overlay = options.whiteouts() == ExtractOptions.WhiteoutMode.OVERLAY;
        this.lowers = lowers;
        this.validator = new EntryValidator(options.devices(), false,
                options.whiteouts() != ExtractOptions.WhiteoutMode.KEEP);
        knownDirectories.add("");
    }

    boolean dependsOnLowers() {
        return dependsOnLowers;
    }

    void apply(LayerEntry raw, LayerReader reader) throws IOException, UnsafeArchiveException {
        LayerEntry entry = validator.check(raw);
        if (entry == null) {
            return; // skipped device
        }
        Whiteout whiteout = entry.whiteout();
        if (whiteout != Whiteout.NONE && options.whiteouts() != ExtractOptions.WhiteoutMode.KEEP) {
            applyWhiteout(entry, whiteout);
            return;
        }
        String path = entry.path();
        if (path.isEmpty()) {
            directories.add(entry); // the root's own metadata
            return;
        }
        Path target = parentChecked(raw.path(), path, true).resolve(Whiteouts.baseName(path));
        BasicFileAttributes existing = attributes(target);
        if (existing != null && !(existing.isDirectory() && entry.type() == EntryType.DIRECTORY)) {
            if (existing.isDirectory()) {
                forgetDirectoriesUnder(path);
            }
            FileTrees.deleteRecursively(target);
        }
        switch (entry.type()) {
            case FILE -> writeFile(target, entry, reader.content());
            case DIRECTORY -> {
                if (existing == null || !existing.isDirectory()) {
                    Files.createDirectory(target);
                }
                knownDirectories.add(path);
                implicit.remove(path);
                directories.add(entry);
            }
            case SYMLINK -> Files.createSymbolicLink(target, Path.of(entry.linkTarget()));
            case HARDLINK -> link(raw, target, entry);
            case CHAR_DEVICE, BLOCK_DEVICE -> NativeFs.mknod(target, entry.type(), entry.devMajor(), entry.devMinor(),
                    entry.mode());
            case FIFO -> NativeFs.mkfifo(target, entry.mode());
        }
        written.add(path);
        if (entry.type() != EntryType.DIRECTORY && entry.type() != EntryType.HARDLINK) {
            metadata(target, entry);
        }
    }

    private void writeFile(Path target, LayerEntry entry, InputStream content) throws IOException {
        // CREATE_NEW (O_EXCL) never follows a symlink at the last component.
        if (!entry.isSparse()) {
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                int n;
                while ((n = content.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
            }
            return;
        }
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long position = 0;
            int n;
            while ((n = content.read(buffer)) >= 0) {
                if (!allZero(buffer, n)) {
                    ByteBuffer data = ByteBuffer.wrap(buffer, 0, n);
                    while (data.hasRemaining()) {
                        ch.write(data, position + data.position());
                    }
                }
                position += n;
            }
            if (ch.size() < position) {
                // Ends in a hole: one zero byte at the end gives the file its size and keeps the hole.
                ch.write(ByteBuffer.wrap(new byte[1]), position - 1);
            }
        }
    }

    private static boolean allZero(byte[] b, int n) {
        return java.util.Arrays.mismatch(b, 0, n, ZEROS, 0, n) < 0;
    }

    private static final byte[] ZEROS = new byte[256 * 1024];

    private void link(LayerEntry raw, Path target, LayerEntry entry) throws IOException, UnsafeArchiveException {
        String linkPath = entry.linkTarget();
        Path source = parentChecked(raw.path(), linkPath, false);
        BasicFileAttributes attrs = source == null ? null : attributes(source = source.resolve(Whiteouts.baseName(linkPath)));
        if (attrs == null && overlay && !hiddenByThisLayer(linkPath) && !deleted.contains(linkPath)) {
            // A link to a file of a lower layer: this layer's directory shares that file's inode.
            dependsOnLowers = true;
            source = lowers.entry(linkPath).orElse(null);
            attrs = source == null ? null : attributes(source);
        }
        if (attrs == null) {
            throw new UnsafeArchiveException(raw.path(), "hardlink target '" + raw.linkTarget() + "' does not exist");
        }
        if (attrs.isDirectory()) {
            throw new UnsafeArchiveException(raw.path(), "hardlink to the directory '" + raw.linkTarget() + "'");
        }
        // link(2) does not follow a symlink at the source, so this links the entry itself.
        Files.createLink(target, source);
    }

    /**
     * The OCI changeset rule: a whiteout acts on the lower layers only, never on an entry of its own
     * layer, wherever it stands in the tar. So whiteouts behave as if applied before the layer's
     * entries: what this layer wrote at or below the target stays, everything lower goes.
     */
    private void applyWhiteout(LayerEntry entry, Whiteout whiteout) throws IOException, UnsafeArchiveException {
        String target = EntryPaths.resolveDots(EntryPaths.normalise(entry.whiteoutTarget()));
        if (whiteout == Whiteout.FILE && Whiteouts.baseName(entry.path()).startsWith(Whiteouts.META_PREFIX)) {
            return; // other .wh..wh. names are aufs bookkeeping, not deletions
        }
        if (overlay) {
            // Resolved in finish(): whether it becomes a whiteout device, an opaque directory or nothing
            // depends on what the whole layer writes there.
            (whiteout == Whiteout.FILE ? deleted : opaque).add(target);
            return;
        }
        if (!setAside.isEmpty()) {
            releaseAside(target, whiteout == Whiteout.OPAQUE);
        }
        Path node = existing(target);
        BasicFileAttributes attrs = node == null ? null : attributes(node);
        if (attrs == null) {
            return;
        }
        if (whiteout == Whiteout.OPAQUE) {
            if (attrs.isDirectory()) {
                clearLowerChildren(node, target);
            }
            return;
        }
        if (attrs.isDirectory() && writtenAtOrBelow(target)) {
            clearLowerChildren(node, target);
            if (!written.contains(target)) {
                implicit.add(target); // the lower directory is gone; what remains is implied by this layer's entries
            }
        } else if (!written.contains(target)) {
            forgetDirectoriesUnder(target);
            FileTrees.deleteRecursively(node);
        }
    }

    /** OVERLAY mode: the layer's whiteouts as overlayfs lower-dir markers. */
    private void resolveOverlayWhiteouts() throws IOException, UnsafeArchiveException {
        for (String dir : opaque) {
            Path node = dir.isEmpty() ? root : existing(dir);
            BasicFileAttributes attrs = node == null ? null : attributes(node);
            if (attrs == null && !deleted.contains(dir) && lowerShows(dir, true)) {
                node = directoryFor(dir); // the lower directory gets an opaque twin in this layer
                attrs = attributes(node);
            }
            if (attrs != null && attrs.isDirectory()) {
                markOpaque(node);
            }
        }
        for (String path : deleted) {
            Path node = existing(path);
            BasicFileAttributes attrs = node == null ? null : attributes(node);
            if (attrs != null) {
                if (attrs.isDirectory()) {
                    markOpaque(node); // deleted and made again by this layer: nothing lower shows through
                }
                continue; // a non-directory of this layer replaces whatever was below anyway
            }
            Path parent = existing(Whiteouts.parent(path));
            BasicFileAttributes parentAttrs = parent == null ? null : attributes(parent);
            if (parentAttrs != null && !parentAttrs.isDirectory()) {
                continue; // a non-directory of this layer hides everything below its name
            }
            // Only where a lower layer has something to hide: in a directory no lower layer has,
            // overlayfs would list the whiteout device as a name that cannot be opened.
            if (!lowerShows(path, false)) {
                continue;
            }
            parent = directoryFor(Whiteouts.parent(path));
            NativeFs.mknod(parent.resolve(Whiteouts.baseName(path)), EntryType.CHAR_DEVICE, 0, 0, 0);
        }
    }

    private static void markOpaque(Path dir) throws IOException {
        NativeFs.setXattr(dir, "trusted.overlay.opaque", new byte[] {'y'});
        // build.run mounts overlays with userxattr, which reads the user.overlay.* namespace
        NativeFs.setXattr(dir, "user.overlay.opaque", new byte[] {'y'});
    }

    /** The directory at {@code path}, made (with its parents) when missing. */
    private Path directoryFor(String path) throws IOException, UnsafeArchiveException {
        if (path.isEmpty()) {
            return root;
        }
        Path dir = parentChecked(path, path, true).resolve(Whiteouts.baseName(path));
        if (attributes(dir) == null) {
            Files.createDirectory(dir);
            knownDirectories.add(path);
            implicit.add(path);
        }
        return dir;
    }

    /** Whether the layers below show something at {@code path} (a directory, when asked) that this layer does not hide. */
    private boolean lowerShows(String path, boolean directory) throws IOException {
        dependsOnLowers = true;
        if (hiddenByThisLayer(path)) {
            return false;
        }
        Optional<Path> below = lowers.entry(path);
        return below.isPresent() && (!directory || Files.isDirectory(below.get(), NOFOLLOW));
    }

    /**
     * Whether this layer hides the lower layers' {@code path} through an ancestor: a whiteout or a
     * non-directory entry at an ancestor, or an opaque marker on one. (Whether the path itself is
     * deleted is the caller's question.)
     */
    private boolean hiddenByThisLayer(String path) throws IOException {
        for (String p = path; !p.isEmpty(); ) {
            String parent = Whiteouts.parent(p);
            if (opaque.contains(parent)) {
                return true;
            }
            if (!parent.isEmpty()) {
                if (deleted.contains(parent)) {
                    return true;
                }
                Path here = existing(parent);
                if (here != null && !attributes(here).isDirectory()) {
                    return true;
                }
            }
            p = parent;
        }
        return false;
    }

    private boolean writtenAtOrBelow(String path) {
        if (written.contains(path)) {
            return true;
        }
        String below = written.ceiling(path + "/");
        return below != null && below.startsWith(path + "/");
    }

    /** The host path of {@code path} when it and every parent exist in this root as real directories; else null. */
    private Path existing(String path) throws IOException {
        if (path.isEmpty()) {
            return root;
        }
        Path current = root;
        String sofar = "";
        String parent = Whiteouts.parent(path);
        if (!parent.isEmpty()) {
            for (String part : parent.split("/")) {
                sofar = Whiteouts.join(sofar, part);
                current = current.resolve(part);
                if (knownDirectories.contains(sofar)) {
                    continue;
                }
                BasicFileAttributes attrs = attributes(current);
                if (attrs == null || !attrs.isDirectory()) {
                    return null;
                }
            }
        }
        Path node = current.resolve(Whiteouts.baseName(path));
        return attributes(node) == null ? null : node;
    }

    /** Deletes everything under {@code dir} that this layer did not write. */
    private void clearLowerChildren(Path dir, String relative) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String childPath = Whiteouts.join(relative, child.getFileName().toString());
                if (!writtenAtOrBelow(childPath)) {
                    forgetDirectoriesUnder(childPath);
                    FileTrees.deleteRecursively(child);
                } else {
                    BasicFileAttributes attrs = attributes(child);
                    if (attrs != null && attrs.isDirectory()) {
                        clearLowerChildren(child, childPath);
                        if (!written.contains(childPath)) {
                            implicit.add(childPath); // the lower directory is gone, this layer's entries imply it
                        }
                    }
                }
            }
        }
    }

    /**
     * The directory that holds {@code path}, every component checked to be a real directory (never a
     * symlink). Missing components are created when {@code create}, else null is returned.
     */
    private Path parentChecked(String entryName, String path, boolean create) throws IOException, UnsafeArchiveException {
        String parent = Whiteouts.parent(path);
        if (knownDirectories.contains(parent)) {
            return parent.isEmpty() ? root : root.resolve(parent);
        }
        Path current = root;
        String sofar = "";
        for (String part : parent.split("/")) {
            sofar = Whiteouts.join(sofar, part);
            current = current.resolve(part);
            if (knownDirectories.contains(sofar)) {
                continue;
            }
            BasicFileAttributes attrs = attributes(current);
            if (attrs == null) {
                if (!create) {
                    return null;
                }
                Files.createDirectory(current);
                implicit.add(sofar);
            } else if (!attrs.isDirectory()) {
                if (!create || written.contains(sofar)) {
                    throw new UnsafeArchiveException(entryName, "'" + sofar + "' on the way is "
                            + (attrs.isSymbolicLink() ? "a symlink, and kiln never writes through symlinks" : "not a directory"));
                }
                replaceLowerNonDirectory(entryName, sofar, current, attrs);
            }
            knownDirectories.add(sofar);
        }
        return current;
    }

    /**
     * A lower layer's non-directory where this layer's entry needs a directory. The changeset rules
     * replace it by an implied directory; a file simply goes. A symlink goes only if this layer also
     * deletes it (its whiteout may come later in the tar): it is set aside until the end, and if no
     * whiteout claimed it the layer is refused, as kiln never writes through symlinks.
     */
    private void replaceLowerNonDirectory(String entryName, String path, Path node, BasicFileAttributes attrs)
            throws IOException {
        if (attrs.isSymbolicLink()) {
            Path aside = root.resolve(".kiln-aside-" + UUID.randomUUID());
            Files.move(node, aside, StandardCopyOption.ATOMIC_MOVE);
            setAside.put(path, new Aside(entryName, aside));
        } else {
            Files.delete(node);
        }
        Files.createDirectory(node);
        implicit.add(path);
    }

    /** A lower symlink moved out of the way of {@code entryName}, waiting for this layer to delete it. */
    private record Aside(String entryName, Path location) {
    }

    /** Lower symlinks that this layer's whiteouts delete are no longer in anyone's way. */
    private void releaseAside(String path, boolean below) throws IOException {
        for (var it = setAside.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            String p = e.getKey();
            if ((!below && p.equals(path)) || p.startsWith(path.isEmpty() ? "" : path + "/")) {
                FileTrees.deleteRecursively(e.getValue().location());
                it.remove();
            }
        }
    }

    private void forgetDirectoriesUnder(String path) {
        knownDirectories.remove(path);
        String prefix = path + "/";
        knownDirectories.removeIf(d -> d.startsWith(prefix));
        implicit.remove(path);
        implicit.subSet(prefix, prefix + Character.MAX_VALUE).clear();
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void metadata(Path target, LayerEntry entry) throws IOException {
        boolean symlink = entry.type() == EntryType.SYMLINK;
        // Java opens a file to chmod or touch it, which blocks on a fifo and is wrong for a device:
        // those got their mode from mknod/mkfifo and their time from touch.
        boolean special = entry.type() == EntryType.FIFO || entry.type().isDevice();
        if (options.restoreOwners()) {
            // chown first: it clears setuid/setgid bits that chmod then sets. lchown never follows.
            Files.setAttribute(target, "unix:uid", (int) entry.uid(), NOFOLLOW);
            Files.setAttribute(target, "unix:gid", (int) entry.gid(), NOFOLLOW);
            if (special) {
                NativeFs.chmod(target, entry.mode());
            }
        }
        if (!symlink && !special) {
            Files.setAttribute(target, "unix:mode", entry.mode(), NOFOLLOW);
        }
        if (!symlink) {
            for (Map.Entry<String, byte[]> x : entry.xattrs().entrySet()) {
                if (x.getKey().startsWith("user.") || options.restoreOwners()) {
                    NativeFs.setXattr(target, x.getKey(), x.getValue());
                }
            }
        }
        if (special) {
            NativeFs.touch(target, entry.mtime());
            return;
        }
        FileTime time = FileTime.from(entry.mtime());
        Files.getFileAttributeView(target, BasicFileAttributeView.class, NOFOLLOW).setTimes(time, time, null);
    }

    /**
     * What a directory the layer only implies looks like. Applied onto a tree (APPLY) it is a new
     * directory: 0755, root's. As an overlay lower dir it stands in front of the lower layers' directory,
     * so it copies that one's mode, owner, time and xattrs, unless this layer deleted it.
     */
    private LayerEntry implicitMetadata(String path) throws IOException, UnsafeArchiveException {
        LayerEntry.Builder b = LayerEntry.builder(path, EntryType.DIRECTORY).mode(0755);
        if (!overlay) {
            return b.mtime(Instant.now()).build();
        }
        dependsOnLowers = true;
        Optional<Path> below = deleted.contains(path) || hiddenByThisLayer(path) ? Optional.empty() : lowers.entry(path);
        if (below.isPresent() && Files.isSymbolicLink(below.get())) {
            throw new UnsafeArchiveException(path + "/", "'" + path
                    + "' on the way is a symlink in a lower layer, and kiln never writes through symlinks");
        }
        if (below.isEmpty() || !Files.isDirectory(below.get(), NOFOLLOW)) {
            return b.mtime(Instant.now()).build();
        }
        Map<String, Object> a = Files.readAttributes(below.get(), "unix:mode,uid,gid,lastModifiedTime", NOFOLLOW);
        b.mode((Integer) a.get("mode") & 07777).owner((Integer) a.get("uid"), (Integer) a.get("gid"))
                .mtime(((FileTime) a.get("lastModifiedTime")).toInstant());
        UserDefinedFileAttributeView view = Files.getFileAttributeView(below.get(), UserDefinedFileAttributeView.class,
                NOFOLLOW);
        if (view != null) {
            for (String name : view.list()) {
                if (!name.startsWith("overlay.")) {
                    ByteBuffer value = ByteBuffer.allocate(view.size(name));
                    view.read(name, value);
                    b.xattr("user." + name, java.util.Arrays.copyOf(value.array(), value.position()));
                }
            }
        }
        return b.build();
    }

    /** Directory modes and times last (deepest first), so that creating children did not disturb them. */
    void finish() throws IOException, UnsafeArchiveException {
        if (overlay) {
            resolveOverlayWhiteouts();
        }
        for (var e : setAside.entrySet()) {
            FileTrees.deleteRecursively(e.getValue().location());
            throw new UnsafeArchiveException(e.getValue().entryName(), "'" + e.getKey()
                    + "' on the way is a symlink, and kiln never writes through symlinks");
        }
        for (String path : implicit.descendingSet()) {
            Path dir = existing(path);
            if (dir != null && attributes(dir).isDirectory()) {
                metadata(dir, implicitMetadata(path));
            }
        }
        Set<String> done = new HashSet<>();
        for (int i = directories.size() - 1; i >= 0; i--) {
            LayerEntry dir = directories.get(i);
            if (!done.add(dir.path())) {
                continue; // a later entry for the same directory wins
            }
            Path target = root;
            if (!dir.path().isEmpty()) {
                // Re-checked: a later entry may have replaced the directory or one of its parents.
                Path parent = parentChecked(dir.path(), dir.path(), false);
                if (parent == null) {
                    continue;
                }
                target = parent.resolve(Whiteouts.baseName(dir.path()));
            }
            BasicFileAttributes attrs = attributes(target);
            if (attrs != null && attrs.isDirectory()) {
                metadata(target, dir);
            }
        }
    }
}
