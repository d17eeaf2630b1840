package dev.kiln.analysis;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Every path seen in an image, stored once as a tree of interned name components in primitive
 * arrays: a node is an {@code int}, its path is its chain of parents. Layer records refer to nodes,
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

    private final NameTable names = new NameTable();
    private int[] parent = new int[1024];
    private int[] name = new int[1024];
    private int[] firstChild = new int[1024];
    private int[] nextSibling = new int[1024];
    private int size;
    /** Open addressing over (parent, name): node + 1, 0 for an empty slot. */
    private int[] slots = new int[2048];

    public PathTrie() {
        parent[0] = -1;
        name[0] = names.intern("");
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
                node = childLocked(node, path.substring(start, end));
            }
            start = end + 1;
        }
        return node;
    }

    /** The child called {@code childName} of {@code parentNode}, created if new. */
    public synchronized int child(int parentNode, String childName) {
        return childLocked(parentNode, childName);
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
                int nameId = names.find(path.substring(start, end));
                node = nameId < 0 ? -1 : lookup(node, nameId);
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
        return names.get(name[node]);
    }

    /** The relative path of a node ({@code usr/bin/env}); {@code ""} for the root. */
    public String path(int node) {
        if (node == ROOT) {
            return "";
        }
        int depth = depth(node);
        String[] parts = new String[depth];
        for (int n = node, i = depth - 1; n != ROOT; n = parent[n], i--) {
            parts[i] = names.get(name[n]);
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

    private int childLocked(int parentNode, String childName) {
        int nameId = names.intern(childName);
        int mask = slots.length - 1;
        int slot = hash(parentNode, nameId) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                break;
            }
            int node = entry - 1;
            if (parent[node] == parentNode && name[node] == nameId) {
                return node;
            }
            slot = (slot + 1) & mask;
        }
        int node = size++;
        if (node == parent.length) {
            int capacity = parent.length * 2;
            parent = Arrays.copyOf(parent, capacity);
            name = Arrays.copyOf(name, capacity);
            firstChild = Arrays.copyOf(firstChild, capacity);
            nextSibling = Arrays.copyOf(nextSibling, capacity);
        }
        parent[node] = parentNode;
        name[node] = nameId;
        firstChild[node] = -1;
        nextSibling[node] = firstChild[parentNode];
        firstChild[parentNode] = node;
        slots[slot] = node + 1;
        if (size * 2 > slots.length) {
            rehash();
        }
        return node;
    }

    private int lookup(int parentNode, int nameId) {
        int mask = slots.length - 1;
        int slot = hash(parentNode, nameId) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int node = entry - 1;
            if (parent[node] == parentNode && name[node] == nameId) {
                return node;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void rehash() {
        int[] bigger = new int[slots.length * 2];
        int mask = bigger.length - 1;
        for (int node = 1; node < size; node++) {
            int slot = hash(parent[node], name[node]) & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = node + 1;
        }
        slots = bigger;
    }

    private static int hash(int parentNode, int nameId) {
        long h = ((long) parentNode << 32) ^ (nameId & 0xffffffffL);
        h *= 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    /** Component names, each stored once. Guarded by the trie's lock. */
    private static final class NameTable {
        private String[] values = new String[1024];
        private int[] slots = new int[2048];
        private int size;

        int intern(String value) {
            int mask = slots.length - 1;
            int slot = spread(value.hashCode()) & mask;
            while (true) {
                int entry = slots[slot];
                if (entry == 0) {
                    break;
                }
                if (values[entry - 1].equals(value)) {
                    return entry - 1;
                }
                slot = (slot + 1) & mask;
            }
            int id = size++;
            if (id == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[id] = value;
            slots[slot] = id + 1;
            if (size * 2 > slots.length) {
                int[] bigger = new int[slots.length * 2];
                int biggerMask = bigger.length - 1;
                for (int i = 0; i < size; i++) {
                    int s = spread(values[i].hashCode()) & biggerMask;
                    while (bigger[s] != 0) {
                        s = (s + 1) & biggerMask;
                    }
                    bigger[s] = i + 1;
                }
                slots = bigger;
            }
            return id;
        }

        int find(String value) {
            int mask = slots.length - 1;
            int slot = spread(value.hashCode()) & mask;
            while (true) {
                int entry = slots[slot];
                if (entry == 0) {
                    return -1;
                }
                if (values[entry - 1].equals(value)) {
                    return entry - 1;
                }
                slot = (slot + 1) & mask;
            }
        }

        String get(int id) {
            return values[id];
        }

        private static int spread(int h) {
            return (h ^ (h >>> 16)) * 0x45d9f3b;
        }
    }
}
