package dev.kiln.build.snapshot;

import dev.kiln.tar.EntryType;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The walk snapshotter's record of a tree: per relative path the stat fields that reveal a change
 * (type, mode, owner, size, mtime, inode, link count, link target, device, a hash of the xattrs).
 * ctime is left out on purpose: it moves on changes a layer cannot show.
 */
final class TreeIndex {

    record Meta(HostEntries.Stat stat, String linkTarget, int xattrsHash, long generation) {

        /** Whether this directory is another one than {@code other}, though at the same path. */
        boolean recreatedFrom(Meta other) {
            return stat.inode() != other.stat.inode()
                    || (generation >= 0 && other.generation >= 0 && generation != other.generation);
        }

        /** Whether the entry differs in anything a layer records (inode aside for directories). */
        boolean differs(Meta other) {
            HostEntries.Stat a = stat;
            HostEntries.Stat b = other.stat;
            boolean sameInode = a.type() == EntryType.DIRECTORY || a.inode() == b.inode();
            return a.type() != b.type() || a.socket() != b.socket() || a.mode() != b.mode() || a.uid() != b.uid()
                    || a.gid() != b.gid() || a.size() != b.size() || !a.mtime().equals(b.mtime()) || !sameInode
                    || (a.type() != EntryType.DIRECTORY && a.nlink() != b.nlink()) || a.rdev() != b.rdev()
                    || !linkTarget.equals(other.linkTarget) || xattrsHash != other.xattrsHash;
        }
    }

    private final Map<String, Meta> entries;
    private final Xattrs xattrs;

    private TreeIndex(Map<String, Meta> entries, Xattrs xattrs) {
        this.entries = entries;
        this.xattrs = xattrs;
    }

    static TreeIndex of(Path root) throws IOException {
        Xattrs xattrs = Xattrs.readTree(root);
        Map<String, Meta> entries = new HashMap<>();
        List<String> dirs = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                record(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                record(file);
                return FileVisitResult.CONTINUE;
            }

            private void record(Path path) throws IOException {
                String relative = root.relativize(path).toString();
                if (relative.isEmpty()) {
                    return;
                }
                HostEntries.Stat stat = HostEntries.stat(path);
                String link = stat.type() == EntryType.SYMLINK ? Files.readSymbolicLink(path).toString() : "";
                entries.put(relative, new Meta(stat, link, hash(xattrs.of(path)), -1));
                if (stat.type() == EntryType.DIRECTORY) {
                    dirs.add(relative);
                }
            }
        });
        Map<String, Long> generations = Generations.of(root, dirs);
        generations.forEach((dir, generation) -> entries.computeIfPresent(dir,
                (k, m) -> new Meta(m.stat(), m.linkTarget(), m.xattrsHash(), generation)));
        return new TreeIndex(entries, xattrs);
    }

    Map<String, Meta> entries() {
        return entries;
    }

    Xattrs xattrs() {
        return xattrs;
    }

    private static int hash(Map<String, byte[]> values) {
        int h = 1;
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            h = 31 * h + e.getKey().hashCode();
            h = 31 * h + Arrays.hashCode(e.getValue());
        }
        return h;
    }
}
