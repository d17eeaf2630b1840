package dev.kiln.analysis;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Every path seen in an image, stored once as a tree of name components in arrays: a node is an
 * {@code int}, its path is its chain of parents. Layer records refer to nodes,
 * so a path that appears in ten layers costs one node, not ten strings.
 *
 * <p>A parent is always created before its children, so {@code parent(n) < n} for every node but the
 * root ({@code 0}, the path {@code ""}); bottom-up sums walk the ids downwards.
 *
 * <p>{@link #intern} and {@link #child} may be called from several scanning threads at once; the
 * read methods are meant for after the scans (a completed future gives them a consistent view).
 */
public final class PathTrie {

    public static final int ROOT = 0;

    private int[] parent = new int[1024];
    /** Each node's name; not deduplicated, since most names in an image are unique to their directory. */
    private String[] name = new String[1024];
    /** {@link String#hashCode} of each node's name: lookups compare it before touching any string. */
    private int[] nameHash = new int[1024];
    private int[] firstChild = new int[1024];
    private int[] nextSibling = new int[1024];
    private int size;
    /**
     * Open addressing over (parent, name hash). A slot holds the key's 32-bit mix in its high half and
     * node + 1 in its low half (0: empty), so a probe rejects other keys without touching the node
     * arrays: with hundreds of thousands of paths those reads would each be a cache miss.
     */
    private long[] slots = new long[2048];

    public PathTrie() {
        parent[0] = -1;
        name[0] = "";
        firstChild[0] = -1;
        nextSibling[0] = -1;
        size = 1;
    }

    /** The node for a normalised relative path ({@code a/b/c}, {@code ""} for the root), created if new. */
    public synchronized int intern(String path) {
        int node = ROOT;
        int start = 0;
        int n = path.length();
        while (start < n) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            if (end > start) {
                node = childLocked(node, path, start, end);
            }
            start = end + 1;
        }
        return node;
    }

    /** The child called {@code childName} of {@code parentNode}, created if new. */
    public synchronized int child(int parentNode, String childName) {
        return childLocked(parentNode, childName, 0, childName.length());
    }

    /**
     * The child named by {@code text[start, end)} of {@code parentNode}, created if new; the name is
     * only copied out of {@code text} when the node is new, so scanning allocates nothing per entry.
     */
    public synchronized int child(int parentNode, String text, int start, int end) {
        return childLocked(parentNode, text, start, end);
    }

    /** The node for a path, or -1 when no layer had it. */
    public synchronized int find(String path) {
        int node = ROOT;
        int start = 0;
        int n = path.length();
        while (start < n && node >= 0) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            if (end > start) {
                node = lookup(node, path, start, end, hash(path, start, end));
            }
            start = end + 1;
        }
        return node;
    }

    public int size() {
        return size;
    }

    public int parent(int node) {
        return parent[node];
    }

    public String name(int node) {
        return name[node];
    }

    /** The relative path of a node ({@code usr/bin/env}); {@code ""} for the root. */
    public String path(int node) {
        if (node == ROOT) {
            return "";
        }
        int depth = depth(node);
        String[] parts = new String[depth];
        for (int n = node, i = depth - 1; n != ROOT; n = parent[n], i--) {
            parts[i] = name[n];
        }
        return String.join("/", parts);
    }

    /** Components below the root: 0 for the root, 1 for {@code etc}, 2 for {@code etc/passwd}. */
    public int depth(int node) {
        int depth = 0;
        for (int n = node; n != ROOT; n = parent[n]) {
            depth++;
        }
        return depth;
    }

    /** Whether {@code ancestor} is {@code node} or one of its parents. */
    public boolean isSelfOrAncestor(int ancestor, int node) {
        for (int n = node; n >= 0; n = parent[n]) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** Visits the children of a node (in no particular order). */
    public void forEachChild(int node, IntConsumer action) {
        for (int c = firstChild[node]; c >= 0; c = nextSibling[c]) {
            action.accept(c);
        }
    }

    public int firstChild(int node) {
        return firstChild[node];
    }

    public int nextSibling(int node) {
        return nextSibling[node];
    }

    private int childLocked(int parentNode, String text, int start, int end) {
        int h = hash(text, start, end);
        int mix = mix(parentNode, h);
        int mask = slots.length - 1;
        int slot = mix & mask;
        while (true) {
            long entry = slots[slot];
            if (entry == 0) {
                break;
            }
            int node = (int) entry - 1;
            if ((int) (entry >>> 32) == mix && parent[node] == parentNode && nameHash[node] == h
                    && sameName(node, text, start, end)) {
                return node;
            }
            slot = (slot + 1) & mask;
        }
        int node = size++;
        if (node == parent.length) {
            int capacity = parent.length * 2;
            parent = Arrays.copyOf(parent, capacity);
            name = Arrays.copyOf(name, capacity);
            nameHash = Arrays.copyOf(nameHash, capacity);
            firstChild = Arrays.copyOf(firstChild, capacity);
            nextSibling = Arrays.copyOf(nextSibling, capacity);
        }
        parent[node] = parentNode;
        name[node] = start == 0 && end == text.length() ? text : text.substring(start, end);
        nameHash[node] = h;
        firstChild[node] = -1;
        nextSibling[node] = firstChild[parentNode];
        firstChild[parentNode] = node;
        slots[slot] = ((long) mix << 32) | (node + 1);
        if (size * 2 > slots.length) {
            rehash();
        }
        return node;
    }

    private int lookup(int parentNode, String text, int start, int end, int h) {
        int mix = mix(parentNode, h);
        int mask = slots.length - 1;
        int slot = mix & mask;
        while (true) {
            long entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int node = (int) entry - 1;
            if ((int) (entry >>> 32) == mix && parent[node] == parentNode && nameHash[node] == h
                    && sameName(node, text, start, end)) {
                return node;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean sameName(int node, String text, int start, int end) {
        String value = name[node];
        return value.length() == end - start && text.regionMatches(start, value, 0, end - start);
    }

    private void rehash() {
        long[] bigger = new long[slots.length * 2];
        int mask = bigger.length - 1;
        for (long entry : slots) {
            if (entry != 0) {
                int slot = (int) (entry >>> 32) & mask;
                while (bigger[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                bigger[slot] = entry;
            }
        }
        slots = bigger;
    }

    /** {@link String#hashCode} of {@code text[start, end)} without copying it. */
    static int hash(String text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }

    private static int mix(int parentNode, int nameHash) {
        long h = ((long) parentNode << 32) ^ (nameHash & 0xffffffffL);
        h *= 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }
}
