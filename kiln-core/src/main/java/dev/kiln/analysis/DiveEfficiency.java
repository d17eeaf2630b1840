package dev.kiln.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Computes {@link DiveFigures} from the layer records, following dive's definitions:
 * <ul>
 * <li>each layer is a tree of its entries; only its leaves count (a directory with entries below it in
 *     the same layer does not); an entry listed twice in one layer counts once;</li>
 * <li>a leaf's size is its tar size field; a whiteout's is the total size of what it deletes if that
 *     was a directory in the layers below (opaque markers are ignored, as dive ignores them), and 0 if it
 *     was a file;</li>
 * <li>per path (a whiteout counts for the path it deletes): the sum of its leaf sizes over all layers and
 *     the smallest of them; efficiency = sum of smallest / sum of sums; wasted bytes = sum of the sums of
 *     paths with two or more leaves; user wasted percent = wasted / sizes of all layers but the first.</li>
 * </ul>
 */
final class DiveEfficiency {

    private final PathTrie trie;
    private final List<LayerRecords> layers;
    private final BitSet exists = new BitSet();
    private final BitSet directory = new BitSet();
    private final long[] size;
    private final long[] cumulative;
    private final long[] smallest;
    private final int[] count;
    private final IntStack walk = new IntStack();

    DiveEfficiency(PathTrie trie, List<LayerRecords> layers) {
        this.trie = trie;
        this.layers = layers;
        int nodes = trie.size();
        size = new long[nodes];
        cumulative = new long[nodes];
        smallest = new long[nodes];
        count = new int[nodes];
        Arrays.fill(smallest, -1);
    }

    DiveFigures compute() {
        List<Long> layerSizes = new ArrayList<>();
        BitSet hasChild = new BitSet();
        BitSet seenEntry = new BitSet();
        BitSet seenWhiteout = new BitSet();
        for (LayerRecords records : layers) {
            layerSizes.add(records.headerSizeSum());
            hasChild.clear();
            seenEntry.clear();
            seenWhiteout.clear();
            for (int r = 0; r < records.count(); r++) {
                if (records.isOpaque(r)) {
                    continue;
                }
                for (int p = trie.parent(records.node(r)); p > PathTrie.ROOT && !hasChild.get(p); p = trie.parent(p)) {
                    hasChild.set(p);
                }
            }
            for (int r = records.count() - 1; r >= 0; r--) {
                int node = records.node(r);
                if (records.isOpaque(r)) {
                    continue;
                }
                if (records.isWhiteout(r)) {
                    if (!seenWhiteout.get(node)) {
                        seenWhiteout.set(node);
                        count(node, exists.get(node) && directory.get(node) ? subtreeSize(node) : 0);
                    }
                } else if (!seenEntry.get(node)) {
                    seenEntry.set(node);
                    if (!hasChild.get(node)) {
                        count(node, records.size(r));
                    }
                }
            }
            stack(records);
        }
        return figures(layerSizes);
    }

    private void count(int node, long bytes) {
        cumulative[node] += bytes;
        if (smallest[node] < 0 || bytes < smallest[node]) {
            smallest[node] = bytes;
        }
        count[node]++;
    }

    /** dive's stacked tree: whiteouts remove, entries add, opaque markers do nothing. */
    private void stack(LayerRecords records) {
        for (int r = 0; r < records.count(); r++) {
            if (records.isWhiteout(r) && exists.get(records.node(r))) {
                remove(records.node(r));
            }
        }
        for (int r = 0; r < records.count(); r++) {
            if (!records.isEntry(r)) {
                continue;
            }
            int node = records.node(r);
            for (int p = trie.parent(node); p > PathTrie.ROOT && !exists.get(p); p = trie.parent(p)) {
                exists.set(p);
                directory.set(p);
                size[p] = 0;
            }
            exists.set(node);
            directory.set(node, records.isDirectory(r));
            size[node] = records.size(r);
        }
    }

    private void remove(int top) {
        walk.push(top);
        while (!walk.isEmpty()) {
            int node = walk.pop();
            exists.clear(node);
            for (int c = trie.firstChild(node); c >= 0; c = trie.nextSibling(c)) {
                if (exists.get(c)) {
                    walk.push(c);
                }
            }
        }
    }

    private long subtreeSize(int top) {
        long total = 0;
        walk.push(top);
        while (!walk.isEmpty()) {
            int node = walk.pop();
            total += size[node];
            for (int c = trie.firstChild(node); c >= 0; c = trie.nextSibling(c)) {
                if (exists.get(c)) {
                    walk.push(c);
                }
            }
        }
        return total;
    }

    private DiveFigures figures(List<Long> layerSizes) {
        long minimum = 0;
        long discovered = 0;
        long wasted = 0;
        List<DiveFigures.InefficientFile> inefficient = new ArrayList<>();
        for (int node = 1; node < count.length; node++) {
            if (count[node] == 0) {
                continue;
            }
            minimum += smallest[node];
            discovered += cumulative[node];
            if (count[node] >= 2) {
                wasted += cumulative[node];
                inefficient.add(new DiveFigures.InefficientFile("/" + trie.path(node), count[node], cumulative[node]));
            }
        }
        inefficient.sort(Comparator.comparingLong(DiveFigures.InefficientFile::cumulativeBytes).reversed()
                .thenComparing(DiveFigures.InefficientFile::path));
        double efficiency = discovered == 0 ? 1.0 : (double) minimum / discovered;
        long total = 0;
        for (long s : layerSizes) {
            total += s;
        }
        long user = layerSizes.isEmpty() ? 0 : total - layerSizes.get(0);
        double userWasted = user == 0 ? 0 : (double) wasted / user;
        return new DiveFigures(efficiency, wasted, userWasted, total, user, layerSizes, inefficient);
    }
}
