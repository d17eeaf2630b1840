package dev.kiln.tar;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One entry of a layer tar, with everything kiln keeps of it.
 *
 * @param path       normalised relative path: no leading {@code /} or {@code ./}, no trailing
 *                   {@code /}, no empty or {@code .} components; {@code ..} components are kept as
 *                   read so that validators can reject them ({@code ""} is the root directory)
 * @param type       the entry type
 * @param mode       permission bits plus setuid, setgid and sticky ({@code 07777})
 * @param size       logical size of a regular file (for a sparse file: with its holes); 0 otherwise
 * @param mtime      modification time (whole seconds are written; PAX keeps fractions when read)
 * @param linkTarget symlink target as stored, or the hardlink's target path (normalised like
 *                   {@code path}); {@code ""} for other types
 * @param xattrs     extended attributes ({@code SCHILY.xattr.*}), name to raw value, sorted by name
 * @param sparse     data regions of a sparse file, empty for an ordinary file
 */
public record LayerEntry(
        String path,
        EntryType type,
        int mode,
        long uid,
        long gid,
        String uname,
        String gname,
        long size,
        Instant mtime,
        String linkTarget,
        int devMajor,
        int devMinor,
        Map<String, byte[]> xattrs,
        List<SparseRegion> sparse) {

    public LayerEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        uname = uname == null ? "" : uname;
        gname = gname == null ? "" : gname;
        mtime = mtime == null ? Instant.EPOCH : mtime;
        linkTarget = linkTarget == null ? "" : linkTarget;
        TreeMap<String, byte[]> copy = new TreeMap<>();
        if (xattrs != null) {
            xattrs.forEach((k, v) -> copy.put(k, v.clone()));
        }
        xattrs = java.util.Collections.unmodifiableMap(copy);
        sparse = sparse == null ? List.of() : List.copyOf(sparse);
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("entry " + path + ": mode " + Integer.toOctalString(mode)
                    + " is outside 07777");
        }
        if (size < 0) {
            throw new IllegalArgumentException("entry " + path + ": negative size");
        }
        if (type != EntryType.FILE && size != 0) {
            throw new IllegalArgumentException("entry " + path + ": only regular files have a size");
        }
        if ((type == EntryType.SYMLINK || type == EntryType.HARDLINK) && linkTarget.isEmpty()) {
            throw new IllegalArgumentException("entry " + path + ": " + type + " without a target");
        }
    }

    /** How this entry changes lower layers, from its name. */
    public Whiteout whiteout() {
        return Whiteouts.classify(path);
    }

    public boolean isWhiteout() {
        return whiteout() != Whiteout.NONE;
    }

    /** The path a whiteout deletes (or the directory an opaque marker empties); the path itself otherwise. */
    public String whiteoutTarget() {
        return Whiteouts.target(path);
    }

    public boolean isSparse() {
        return !sparse.isEmpty();
    }

    /** Bytes of real data a sparse file stores (its size for an ordinary file). */
    public long storedSize() {
        if (sparse.isEmpty()) {
            return size;
        }
        long total = 0;
        for (SparseRegion region : sparse) {
            total += region.length();
        }
        return total;
    }

    public static Builder builder(String path, EntryType type) {
        return new Builder(path, type);
    }

    public static LayerEntry file(String path, long size) {
        return builder(path, EntryType.FILE).size(size).build();
    }

    public static LayerEntry directory(String path) {
        return builder(path, EntryType.DIRECTORY).build();
    }

    public static LayerEntry symlink(String path, String target) {
        return builder(path, EntryType.SYMLINK).linkTarget(target).build();
    }

    public static LayerEntry hardlink(String path, String target) {
        return builder(path, EntryType.HARDLINK).linkTarget(target).build();
    }

    /** The whiteout entry ({@code dir/.wh.NAME}) that deletes {@code target} from lower layers. */
    public static LayerEntry whiteout(String target) {
        return builder(Whiteouts.whiteoutPath(target), EntryType.FILE).mode(0).build();
    }

    /** The marker entry ({@code dir/.wh..wh..opq}) that hides the lower layers' children of {@code directory}. */
    public static LayerEntry opaqueWhiteout(String directory) {
        return builder(Whiteouts.opaquePath(directory), EntryType.FILE).mode(0).build();
    }

    /** The same entry as another type (sizes and sparse maps only stay for regular files). */
    public LayerEntry withType(EntryType newType) {
        boolean file = newType == EntryType.FILE;
        return new LayerEntry(path, newType, mode, uid, gid, uname, gname, file ? size : 0, mtime, linkTarget,
                devMajor, devMinor, xattrs, file ? sparse : List.of());
    }

    /** The same entry at another path. */
    public LayerEntry withPath(String newPath) {
        return new LayerEntry(newPath, type, mode, uid, gid, uname, gname, size, mtime, linkTarget, devMajor,
                devMinor, xattrs, sparse);
    }

    public Builder toBuilder() {
        Builder b = new Builder(path, type);
        b.mode = mode;
        b.uid = uid;
        b.gid = gid;
        b.uname = uname;
        b.gname = gname;
        b.size = size;
        b.mtime = mtime;
        b.linkTarget = linkTarget;
        b.devMajor = devMajor;
        b.devMinor = devMinor;
        b.xattrs = new TreeMap<>(xattrs);
        b.sparse = sparse;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LayerEntry other)) {
            return false;
        }
        if (!(path.equals(other.path) && type == other.type && mode == other.mode && uid == other.uid
                && gid == other.gid && uname.equals(other.uname) && gname.equals(other.gname)
                && size == other.size && mtime.equals(other.mtime) && linkTarget.equals(other.linkTarget)
                && devMajor == other.devMajor && devMinor == other.devMinor && sparse.equals(other.sparse)
                && xattrs.keySet().equals(other.xattrs.keySet()))) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : xattrs.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.xattrs.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, type, mode, uid, gid, size, mtime, linkTarget);
    }

    @Override
    public String toString() {
        return type.lsChar() + Integer.toOctalString(mode) + " " + uid + "/" + gid + " " + size + " " + path
                + (linkTarget.isEmpty() ? "" : " -> " + linkTarget)
                + (xattrs.isEmpty() ? "" : " xattrs=" + xattrs.keySet());
    }

    /** Builds entries; defaults are mode 0644 (0755 for directories, 0777 for symlinks), owner 0:0, mtime 0. */
    public static final class Builder {
        private final String path;
        private final EntryType type;
        private int mode;
        private long uid;
        private long gid;
        private String uname = "";
        private String gname = "";
        private long size;
        private Instant mtime = Instant.EPOCH;
        private String linkTarget = "";
        private int devMajor;
        private int devMinor;
        private Map<String, byte[]> xattrs = new TreeMap<>();
        private List<SparseRegion> sparse = List.of();

        private Builder(String path, EntryType type) {
            this.path = path;
            this.type = type;
            this.mode = switch (type) {
                case DIRECTORY -> 0755;
                case SYMLINK -> 0777;
                default -> 0644;
            };
        }

        public Builder mode(int mode) {
            this.mode = mode;
            return this;
        }

        public Builder owner(long uid, long gid) {
            this.uid = uid;
            this.gid = gid;
            return this;
        }

        public Builder names(String uname, String gname) {
            this.uname = uname;
            this.gname = gname;
            return this;
        }

        public Builder size(long size) {
            this.size = size;
            return this;
        }

        public Builder mtime(Instant mtime) {
            this.mtime = mtime;
            return this;
        }

        public Builder linkTarget(String linkTarget) {
            this.linkTarget = linkTarget;
            return this;
        }

        public Builder device(int major, int minor) {
            this.devMajor = major;
            this.devMinor = minor;
            return this;
        }

        public Builder xattr(String name, byte[] value) {
            this.xattrs.put(name, value);
            return this;
        }

        public Builder xattrs(Map<String, byte[]> xattrs) {
            this.xattrs = new TreeMap<>(xattrs);
            return this;
        }

        public Builder sparse(List<SparseRegion> regions) {
            this.sparse = regions;
            return this;
        }

        public LayerEntry build() {
            return new LayerEntry(path, type, mode, uid, gid, uname, gname, size, mtime, linkTarget,
                    devMajor, devMinor, xattrs, sparse);
        }
    }
}
