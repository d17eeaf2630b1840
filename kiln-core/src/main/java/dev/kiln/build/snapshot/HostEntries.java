package dev.kiln.build.snapshot;

import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.SparseRegion;
import dev.kiln.tar.SparseScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Turns files on disk into layer entries (type, mode, owner, size, mtime, link, device, xattrs). */
final class HostEntries {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private HostEntries() {
    }

    /** The stat fields kiln compares and writes, in one system call. */
    record Stat(EntryType type, int mode, int uid, int gid, long size, Instant mtime, long inode, long nlink, long rdev,
            boolean socket) {

        boolean isWhiteoutDevice() {
            return type == EntryType.CHAR_DEVICE && rdev == 0;
        }
    }

    static Stat stat(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,gid,size,lastModifiedTime,ino,nlink,rdev", NOFOLLOW);
        int mode = (Integer) a.get("mode");
        int format = mode & 0170000;
        EntryType type;
        boolean socket = false;
        switch (format) {
            case 0040000:
                type = EntryType.DIRECTORY;
                break;
            case 0120000:
                type = EntryType.SYMLINK;
                break;
            case 0020000:
                type = EntryType.CHAR_DEVICE;
                break;
            case 0060000:
                type = EntryType.BLOCK_DEVICE;
                break;
            case 0010000:
                type = EntryType.FIFO;
                break;
            case 0140000:
                type = EntryType.FILE;
                socket = true;
                break;
            default:
                type = EntryType.FILE;
        }
        return new Stat(type, mode & 07777, (Integer) a.get("uid"), (Integer) a.get("gid"),
                type == EntryType.FILE ? (Long) a.get("size") : 0, ((FileTime) a.get("lastModifiedTime")).toInstant(),
                (Long) a.get("ino"), ((Number) a.get("nlink")).longValue(), (Long) a.get("rdev"), socket);
    }

    static LayerEntry entry(String layerPath, Path host, Stat stat, Map<String, byte[]> xattrs) throws IOException {
        LayerEntry.Builder builder = LayerEntry.builder(layerPath, stat.type()).mode(stat.mode())
                .owner(stat.uid(), stat.gid()).mtime(stat.mtime()).xattrs(xattrs);
        if (stat.type() == EntryType.FILE) {
            builder.size(stat.size());
            // a RUN step's big mostly-zero file (useradd's lastlog for a high uid) stays sparse in the layer
            List<SparseRegion> sparse = stat.socket() ? null : SparseScan.regions(host, stat.size());
            if (sparse != null) {
                builder.sparse(sparse);
            }
        } else if (stat.type() == EntryType.SYMLINK) {
            builder.linkTarget(Files.readSymbolicLink(host).toString());
        } else if (stat.type().isDevice()) {
            long rdev = stat.rdev();
            int major = (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
            int minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
            builder.device(major, minor);
        }
        return builder.build();
    }
}
