package dev.kiln.squash;

import dev.kiln.tar.LayerEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the first pass learns about every path the squashed layers touch, as a trie of path
 * components (shared prefixes are stored once). Layer numbers are positions inside the range, bottom
 * first; a value set by layer {@code L} only affects layers below {@code L}, which is what lets the pass
 * walk the layers from the top down and decide each entry as it is read.
 */
final class PathTree {

    /** One path component. Fields are the pass's state, not a public model. */
    static final class Node {
        final String name;
        final Node parent;
        private Map<String, Node> children;
        /** Layer of the entry that survives at this path, or -1. */
        int keptLayer = -1;
        /** Position of that entry in its layer's tar stream. */
        int keptOrdinal = -1;
        /** The surviving entry when it is a directory (its metadata is written before its layer is reached). */
        LayerEntry keptDirectory;
        /** This path and everything below it are gone for layers below this one (whiteout or non-directory). */
        int hiddenBelow = -1;
        /** The children of this directory are gone for layers below this one (opaque marker). */
        int opaqueBelow = -1;
        /** Exists in the squashed tree because an entry at or below it was applied and never hidden. */
        boolean exists;
        /** Second pass: the surviving directory entry has been written. */
        boolean written;

        Node(String name, Node parent) {
            this.name = name;
            this.parent = parent;
        }

        boolean kept() {
            return keptLayer >= 0;
        }

        boolean keptIsDirectory() {
            return keptDirectory != null;
        }

        Collection<Node> children() {
            return children == null ? List.of() : children.values();
        }

        Node child(String component) {
            return children == null ? null : children.get(component);
        }

        Node childOrCreate(String component) {
            if (children == null) {
                children = new HashMap<>(4);
            }
            Node child = children.get(component);
            if (child == null) {
                child = new Node(component, this);
                children.put(component, child);
            }
            return child;
        }

        String path() {
            if (parent == null) {
                return "";
            }
            List<String> parts = new ArrayList<>();
            for (Node n = this; n.parent != null; n = n.parent) {
                parts.add(n.name);
            }
            StringBuilder b = new StringBuilder();
            for (int i = parts.size() - 1; i >= 0; i--) {
                if (b.length() > 0) {
                    b.append('/');
                }
                b.append(parts.get(i));
            }
            return b.toString();
        }
    }

    private final Node root = new Node("", null);
    private int size = 1;

    Node root() {
        return root;
    }

    /** Number of nodes, the root included. */
    int size() {
        return size;
    }

    /** The node for a path, or null when nothing was recorded there. */
    Node find(String path) {
        Node node = root;
        int start = 0;
        int n = path.length();
        while (node != null && start < n) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            node = node.child(path.substring(start, end));
            start = end + 1;
        }
        return node;
    }

    /** The node for a path, created with its ancestors when missing. */
    Node node(String path) {
        Node node = root;
        int start = 0;
        int n = path.length();
        while (start < n) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            Node child = node.child(path.substring(start, end));
            if (child == null) {
                child = node.childOrCreate(path.substring(start, end));
                size++;
            }
            node = child;
            start = end + 1;
        }
        return node;
    }

    /**
     * Records that the ancestors of an entry of {@code layer} exist in the squashed tree, as far down as
     * no layer above hides them: extracting the entry made them, and nothing removed them since.
     */
    void markAncestors(String path, int layer) {
        Node node = root;
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0 || node.opaqueBelow > layer) {
                return;
            }
            String component = path.substring(start, slash);
            Node child = node.child(component);
            if (child == null) {
                child = node.childOrCreate(component);
                size++;
            }
            if (child.hiddenBelow > layer) {
                return;
            }
            child.exists = true;
            node = child;
            start = slash + 1;
        }
    }

    /**
     * Whether an entry at {@code path} in layer {@code layer} is hidden by a layer above it: the path or
     * an ancestor was deleted or replaced by a non-directory, or an ancestor was made opaque.
     */
    boolean hiddenAbove(String path, int layer) {
        Node node = root;
        int start = 0;
        int n = path.length();
        while (start < n) {
            if (node.hiddenBelow > layer || node.opaqueBelow > layer) {
                return true;
            }
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            node = node.child(path.substring(start, end));
            if (node == null) {
                return false;
            }
            start = end + 1;
        }
        return node.hiddenBelow > layer;
    }
}
