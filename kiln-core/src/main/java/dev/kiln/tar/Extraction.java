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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One layer being unpacked into one root: the on-disk half of {@link SafeExtractor}. */
final class Extraction {

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path root;
    private final ExtractOptions options;
    private final EntryValidator validator;
    /** Paths this layer wrote: whiteouts only hide what lower layers put there. */
    private final Set<String> written = new HashSet<>();
    /** Directories known to be real directories (not symlinks) since this extraction checked or made them. */
    private final Set<String> knownDirectories = new HashSet<>();
    private final List<LayerEntry> directories = new ArrayList<>();
    private final byte[] buffer = new byte[256 * 1024];

    Extraction(Path root, ExtractOptions options) {
        this.root = root;
        this.options = options;
        this.validator = new EntryValidator(options.devices(), false);
        knownDirectories.add("");
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
        if (source == null) {
            throw new UnsafeArchiveException(raw.path(), "hardlink target '" + raw.linkTarget() + "' does not exist");
        }
        source = source.resolve(Whiteouts.baseName(linkPath));
        BasicFileAttributes attrs = attributes(source);
        if (attrs == null) {
            throw new UnsafeArchiveException(raw.path(), "hardlink target '" + raw.linkTarget() + "' does not exist");
        }
        if (attrs.isDirectory()) {
            throw new UnsafeArchiveException(raw.path(), "hardlink to the directory '" + raw.linkTarget() + "'");
        }
        // link(2) does not follow a symlink at the source, so this links the entry itself.
        Files.createLink(target, source);
    }

    private void applyWhiteout(LayerEntry entry, Whiteout whiteout) throws IOException, UnsafeArchiveException {
        String target = EntryPaths.resolveDots(EntryPaths.normalise(entry.whiteoutTarget()));
        if (whiteout == Whiteout.FILE && Whiteouts.baseName(entry.path()).startsWith(Whiteouts.META_PREFIX)) {
            return; // other .wh..wh. names are aufs bookkeeping, not deletions
        }
        if (options.whiteouts() == ExtractOptions.WhiteoutMode.OVERLAY) {
            Path dir = parentChecked(entry.path(), entry.path(), true);
            if (whiteout == Whiteout.FILE) {
                Path node = dir.resolve(Whiteouts.baseName(target));
                FileTrees.deleteRecursively(node);
                NativeFs.mknod(node, EntryType.CHAR_DEVICE, 0, 0, 0);
                written.add(target);
            } else {
                NativeFs.setXattr(dir, "trusted.overlay.opaque", new byte[] {'y'});
                // build.run mounts overlays with userxattr, which reads the user.overlay.* namespace
                NativeFs.setXattr(dir, "user.overlay.opaque", new byte[] {'y'});
            }
            return;
        }
        if (whiteout == Whiteout.FILE) {
            if (written.contains(target)) {
                return; // a whiteout never hides what its own layer wrote
            }
            Path parent = parentChecked(entry.path(), target, false);
            if (parent != null) {
                forgetDirectoriesUnder(target);
                FileTrees.deleteRecursively(parent.resolve(Whiteouts.baseName(target)));
            }
        } else {
            Path dir = target.isEmpty() ? root : parentChecked(entry.path(), target, false);
            if (dir == null) {
                return;
            }
            if (!target.isEmpty()) {
                dir = dir.resolve(Whiteouts.baseName(target));
            }
            BasicFileAttributes attrs = attributes(dir);
            if (attrs != null && attrs.isDirectory()) {
                clearLowerChildren(dir, target);
            }
        }
    }

    /** Deletes everything under {@code dir} that this layer did not write. */
    private void clearLowerChildren(Path dir, String relative) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String childPath = Whiteouts.join(relative, child.getFileName().toString());
                if (!written.contains(childPath)) {
                    forgetDirectoriesUnder(childPath);
                    FileTrees.deleteRecursively(child);
                } else {
                    BasicFileAttributes attrs = attributes(child);
                    if (attrs != null && attrs.isDirectory()) {
                        clearLowerChildren(child, childPath);
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
            } else if (attrs.isSymbolicLink()) {
                throw new UnsafeArchiveException(entryName, "'" + sofar + "' on the way is a symlink, and kiln never "
                        + "writes through symlinks");
            } else if (!attrs.isDirectory()) {
                throw new UnsafeArchiveException(entryName, "'" + sofar + "' on the way is not a directory");
            }
            knownDirectories.add(sofar);
        }
        return current;
    }

    private void forgetDirectoriesUnder(String path) {
        knownDirectories.remove(path);
        String prefix = path + "/";
        knownDirectories.removeIf(d -> d.startsWith(prefix));
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

    /** Directory modes and times last (deepest first), so that creating children did not disturb them. */
    void finish() throws IOException, UnsafeArchiveException {
        for (int i = directories.size() - 1; i >= 0; i--) {
            LayerEntry dir = directories.get(i);
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
