package dev.kiln.squash;

/**
 * Which paths the kept lower layers hold, as a set of 64-bit path hashes: about 16 bytes a path
 * instead of the path itself. A hash collision can only make a whiteout look needed and so keep it;
 * it never drops one that is needed, so the squashed image stays exact.
 *
 * <p>Two kinds of key per path: "something at or below P" for P and all its ancestors, and "something
 * strictly below D" for each proper ancestor D. Not thread-safe: each layer scan fills its own and
 * {@link #addAll} merges them.
 */
final class LowerPaths {

    /** For a squash of the whole image: there is nothing below. */
    static final LowerPaths NONE = new LowerPaths(0);

    private static final long AT_OR_BELOW = 0x9E3779B97F4A7C15L;
    private static final long STRICTLY_BELOW = 0xC2B2AE3D27D4EB4FL;

    private long[] table;
    private int count;
    private boolean hasZero;

    LowerPaths() {
        this(1 << 10);
    }

    private LowerPaths(int capacity) {
        this.table = new long[capacity];
    }

    /**
     * Records that a lower layer leaves the path whose ancestor-and-self hashes are {@code prefixes}
     * ({@link PathHash#prefixes}), down to index {@code deepest}: those nodes and their ancestors exist.
     */
    void add(long[] prefixes, int deepest) {
        if (table.length == 0) {
            throw new IllegalStateException("the empty lower set is read-only");
        }
        insert(PathHash.mix(PathHash.of("") ^ STRICTLY_BELOW));
        for (int i = 0; i <= deepest; i++) {
            insert(PathHash.mix(prefixes[i] ^ AT_OR_BELOW));
            if (i < deepest) {
                insert(PathHash.mix(prefixes[i] ^ STRICTLY_BELOW));
            }
        }
    }

    /** Records a path and its ancestors. */
    void add(String path) {
        long[] prefixes = PathHash.prefixes(path);
        add(prefixes, prefixes.length - 1);
    }

    /** Whether a lower layer has {@code path} or anything below it. */
    boolean hasAtOrBelow(String path) {
        return contains(PathHash.mix(PathHash.of(path) ^ AT_OR_BELOW));
    }

    /** Whether a lower layer has anything strictly below the directory {@code path}. */
    boolean hasBelow(String path) {
        return contains(PathHash.mix(PathHash.of(path) ^ STRICTLY_BELOW));
    }

    int size() {
        return count + (hasZero ? 1 : 0);
    }

    void addAll(LowerPaths other) {
        for (long key : other.table) {
            if (key != 0) {
                insert(key);
            }
        }
        if (other.hasZero) {
            insert(0);
        }
    }

    private void insert(long key) {
        if (key == 0) {
            hasZero = true;
            return;
        }
        if ((count + 1) * 4L > table.length * 3L) {
            grow();
        }
        int mask = table.length - 1;
        int i = (int) (key ^ (key >>> 32)) & mask;
        while (table[i] != 0) {
            if (table[i] == key) {
                return;
            }
            i = (i + 1) & mask;
        }
        table[i] = key;
        count++;
    }

    private boolean contains(long key) {
        if (key == 0) {
            return hasZero;
        }
        if (table.length == 0) {
            return false;
        }
        int mask = table.length - 1;
        int i = (int) (key ^ (key >>> 32)) & mask;
        while (table[i] != 0) {
            if (table[i] == key) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    private void grow() {
        long[] old = table;
        table = new long[Math.max(16, old.length * 2)];
        count = 0;
        for (long key : old) {
            if (key != 0) {
                insertFresh(key);
            }
        }
    }

    private void insertFresh(long key) {
        int mask = table.length - 1;
        int i = (int) (key ^ (key >>> 32)) & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = key;
        count++;
    }

    @Override
    public String toString() {
        return "LowerPaths[" + size() + " keys]";
    }
}
