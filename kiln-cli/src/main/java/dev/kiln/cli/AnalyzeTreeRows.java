package dev.kiln.cli;

import dev.kiln.analysis.LayerView;
import dev.kiln.analysis.PathTrie;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * The file tree of the interactive view as lines: which directories are folded (all open in small
 * images, two levels deep in big ones, until the user says otherwise), the filter, "only changes",
 * the sort order, and the tree glyphs of each line.
 */
final class AnalyzeTreeRows {

    /** One visible line of the tree. */
    record Row(int node, int depth, String prefix) {
    }

    private static final int EXPAND_ALL_BELOW = 20_000;

    private final PathTrie trie;
    private final BitSet collapsed = new BitSet();
    private final BitSet expanded = new BitSet();

    AnalyzeTreeRows(PathTrie trie) {
        this.trie = trie;
    }

    /** The lines for a view with these settings; {@code filter} empty for none. */
    List<Row> rows(LayerView view, boolean onlyChanges, boolean bySize, String filter) {
        BitSet matches = filter.isEmpty() ? null : matching(view, filter);
        List<Row> result = new ArrayList<>();
        walk(view, PathTrie.ROOT, 0, "", onlyChanges, bySize, matches, !filter.isEmpty(), result);
        return result;
    }

    boolean isCollapsed(int node, int depth, boolean filtering) {
        if (collapsed.get(node)) {
            return true;
        }
        if (expanded.get(node) || filtering) {
            return false;
        }
        return trie.size() > EXPAND_ALL_BELOW && depth >= 2;
    }

    void setCollapsed(int node, boolean value) {
        collapsed.set(node, value);
        expanded.set(node, !value);
    }

    private void walk(LayerView view, int node, int depth, String prefix, boolean onlyChanges, boolean bySize,
            BitSet matches, boolean filtering, List<Row> out) {
        List<Integer> children = new ArrayList<>();
        for (int child : view.children(node, bySize)) {
            if ((onlyChanges && !view.changedBelow(child)) || (matches != null && !matches.get(child))) {
                continue;
            }
            children.add(child);
        }
        for (int i = 0; i < children.size(); i++) {
            int child = children.get(i);
            boolean last = i == children.size() - 1;
            out.add(new Row(child, depth, prefix + (last ? "└── " : "├── ")));
            if (view.isDirectory(child) && !isCollapsed(child, depth + 1, filtering)) {
                walk(view, child, depth + 1, prefix + (last ? "    " : "│   "), onlyChanges, bySize, matches, filtering,
                        out);
            }
        }
    }

    /**
     * Nodes whose path contains the filter text (case-insensitive), everything below them, and their
     * parents. Parents come before children in the trie, so one forward pass finds the matches.
     */
    private BitSet matching(LayerView view, String filter) {
        String needle = filter.toLowerCase(Locale.ROOT);
        int slash = needle.lastIndexOf('/');
        String last = slash < 0 ? needle : needle.substring(slash + 1);
        BitSet matched = new BitSet();
        for (int node = 1; node < trie.size(); node++) {
            if (!view.shown(node)) {
                continue;
            }
            boolean hit = matched.get(trie.parent(node));
            if (!hit && trie.name(node).toLowerCase(Locale.ROOT).contains(last)) {
                hit = slash < 0 || trie.path(node).toLowerCase(Locale.ROOT).contains(needle);
            }
            if (hit) {
                matched.set(node);
            }
        }
        BitSet result = (BitSet) matched.clone();
        for (int node = matched.nextSetBit(0); node >= 0; node = matched.nextSetBit(node + 1)) {
            for (int p = trie.parent(node); p > PathTrie.ROOT && !result.get(p); p = trie.parent(p)) {
                result.set(p);
            }
        }
        return result;
    }
}
