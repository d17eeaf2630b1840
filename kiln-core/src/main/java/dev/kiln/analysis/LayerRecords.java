package dev.kiln.analysis;

import dev.kiln.tar.EntryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of one layer as compact records in parallel primitive arrays (about 30 bytes per entry,
 * no object per entry): the path as a {@link PathTrie} node, type, whiteout kind, mode, owner, size,
 * a content checksum and, for links, what they point to. Written by one scanning thread, read-only
 * afterwards.
 *
 * <p>A whiteout record stands on the path it deletes; an opaque record on the directory it empties.
 */
public final class LayerRecords {

    private static final int TYPE_MASK = 0x07;
    private static final int WHITEOUT = 0x08;
    private static final int OPAQUE = 0x10;
    private static final EntryType[] TYPES = EntryType.values();

    private int count;
    private int[] node = new int[256];
    private byte[] flags = new byte[256];
    private short[] mode = new short[256];
    private int[] uid = new int[256];
    private int[] gid = new int[256];
    private long[] size = new long[256];
    private int[] hash = new int[256];
    private int[] link = new int[256];
    /** Stored (data) bytes of sparse files, which differ from their logical size. */
    private final Map<Integer, Long> sparseStored = new HashMap<>();
    private final List<String> symlinkTargets = new ArrayList<>();
    private long dataBytes;
    private long headerSizeSum;

    LayerRecords() {
    }

    /** Number of records (tar entries kept; the root entry and unsafe paths are not). */
    public int count() {
        return count;
    }

    public int node(int record) {
        return node[record];
    }

    public EntryType type(int record) {
        return TYPES[flags[record] & TYPE_MASK];
    }

    /** A {@code .wh.NAME} record: deletes {@link #node} from the layers below. */
    public boolean isWhiteout(int record) {
        return (flags[record] & WHITEOUT) != 0;
    }

    /** A {@code .wh..wh..opq} record: hides what the layers below hold inside {@link #node}. */
    public boolean isOpaque(int record) {
        return (flags[record] & OPAQUE) != 0;
    }

    /** Neither kind of whiteout. */
    public boolean isEntry(int record) {
        return (flags[record] & (WHITEOUT | OPAQUE)) == 0;
    }

    public boolean isDirectory(int record) {
        return isEntry(record) && type(record) == EntryType.DIRECTORY;
    }

    /** A regular file: the only kind of record that carries content bytes. */
    public boolean isFile(int record) {
        return isEntry(record) && type(record) == EntryType.FILE;
    }

    public int mode(int record) {
        return mode[record] & 07777;
    }

    public long uid(int record) {
        return uid[record] & 0xffffffffL;
    }

    public long gid(int record) {
        return gid[record] & 0xffffffffL;
    }

    /** Logical size of a regular file (a sparse file's with its holes); 0 for other records. */
    public long size(int record) {
        return size[record];
    }

    /** Bytes the layer stores for this record's content: its size, or a sparse file's data regions. */
    public long storedSize(int record) {
        if (size[record] == 0) {
            return 0;
        }
        Long sparse = sparseStored.get(record);
        return sparse == null ? size[record] : sparse;
    }

    public boolean isSparse(int record) {
        return sparseStored.containsKey(record);
    }

    /** CRC-32C of a regular file's content: with the size, tells a real change from a metadata-only copy. */
    public int contentHash(int record) {
        return hash[record];
    }

    /**
     * For a hardlink, the record in this layer that holds its data (links to links resolved), or -1
     * when the target is not in this layer; -1 for other records.
     */
    public int hardlinkRecord(int record) {
        return isEntry(record) && type(record) == EntryType.HARDLINK ? link[record] : -1;
    }

    /** A symlink's target as stored; {@code ""} for other records. */
    public String symlinkTarget(int record) {
        return isEntry(record) && type(record) == EntryType.SYMLINK ? symlinkTargets.get(link[record]) : "";
    }

    /** Stored content bytes of all regular files in this layer. */
    public long dataBytes() {
        return dataBytes;
    }

    /** Sum of the entries' tar size fields (logical sizes), which is how dive sizes a layer. */
    public long headerSizeSum() {
        return headerSizeSum;
    }

    int add(int pathNode, EntryType type, boolean whiteout, boolean opaque, int entryMode, long entryUid,
            long entryGid, long logicalSize, long stored, int contentHash) {
        if (count == node.length) {
            grow();
        }
        int r = count++;
        node[r] = pathNode;
        flags[r] = (byte) (type.ordinal() | (whiteout ? WHITEOUT : 0) | (opaque ? OPAQUE : 0));
        mode[r] = (short) (entryMode & 07777);
        uid[r] = (int) entryUid;
        gid[r] = (int) entryGid;
        size[r] = logicalSize;
        hash[r] = contentHash;
        link[r] = -1;
        if (stored != logicalSize) {
            sparseStored.put(r, stored);
        }
        if (!whiteout && !opaque && type == EntryType.FILE) {
            dataBytes += stored;
        }
        headerSizeSum += logicalSize;
        return r;
    }

    void setSymlinkTarget(int record, String target) {
        link[record] = symlinkTargets.size();
        symlinkTargets.add(target);
    }

    void setHardlinkRecord(int record, int target) {
        link[record] = target;
    }

    /** Raw link slot (a hardlink's target node while scanning). */
    int rawLink(int record) {
        return link[record];
    }

    private void grow() {
        int capacity = node.length * 2;
        node = Arrays.copyOf(node, capacity);
        flags = Arrays.copyOf(flags, capacity);
        mode = Arrays.copyOf(mode, capacity);
        uid = Arrays.copyOf(uid, capacity);
        gid = Arrays.copyOf(gid, capacity);
        size = Arrays.copyOf(size, capacity);
        hash = Arrays.copyOf(hash, capacity);
        link = Arrays.copyOf(link, capacity);
    }

    /** Drops the spare capacity once the layer is read. */
    void trim() {
        node = Arrays.copyOf(node, count);
        flags = Arrays.copyOf(flags, count);
        mode = Arrays.copyOf(mode, count);
        uid = Arrays.copyOf(uid, count);
        gid = Arrays.copyOf(gid, count);
        size = Arrays.copyOf(size, count);
        hash = Arrays.copyOf(hash, count);
        link = Arrays.copyOf(link, count);
    }
}
