package dev.kiln.analysis;

import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deliberately simple, string-keyed overlay model: the independent count the compact analysis is
 * checked against. Slow (prefix scans over a sorted map), obviously right.
 */
final class NaiveOverlay {

    /** A path's current provider: layer and item index, or item -1 for an implied directory. */
    record Ref(int layer, int item, EntryType type) {
    }

    final Map<String, Ref> state = new TreeMap<>();
    long contentBytes;
    private final List<List<StackedImage.Item>> layers = new ArrayList<>();

    void apply(List<StackedImage.Item> items) {
        int layer = layers.size();
        layers.add(items);
        for (StackedImage.Item item : items) {
            LayerEntry e = item.entry();
            if (e.whiteout() == dev.kiln.tar.Whiteout.FILE) {
                removePrefix(e.whiteoutTarget(), true);
            } else if (e.whiteout() == dev.kiln.tar.Whiteout.OPAQUE) {
                removePrefix(e.whiteoutTarget(), false);
            }
        }
        for (int i = 0; i < items.size(); i++) {
            LayerEntry e = items.get(i).entry();
            if (e.isWhiteout()) {
                continue;
            }
            if (e.type() == EntryType.FILE) {
                contentBytes += e.size();
            }
            String p = e.path();
            for (String a = parent(p); !a.isEmpty(); a = parent(a)) {
                Ref existing = state.get(a);
                if (existing == null || existing.type() != EntryType.DIRECTORY) {
                    state.put(a, new Ref(layer, -1, EntryType.DIRECTORY));
                }
            }
            Ref old = state.get(p);
            if (old != null && old.type() == EntryType.DIRECTORY && e.type() != EntryType.DIRECTORY) {
                removePrefix(p, false);
            }
            state.put(p, new Ref(layer, i, e.type()));
        }
    }

    /** Distinct file contents the final state shows, each counted once. */
    long visibleBytes() {
        Set<List<Integer>> seen = new HashSet<>();
        long total = 0;
        for (Ref ref : state.values()) {
            if (ref.item() < 0) {
                continue;
            }
            int[] data = dataOf(ref.layer(), ref.item());
            if (data != null && seen.add(List.of(data[0], data[1]))) {
                total += layers.get(data[0]).get(data[1]).entry().size();
            }
        }
        return total;
    }

    private int[] dataOf(int layer, int item) {
        LayerEntry e = layers.get(layer).get(item).entry();
        if (e.type() == EntryType.FILE) {
            return new int[] {layer, item};
        }
        if (e.type() != EntryType.HARDLINK) {
            return null;
        }
        for (int j = item - 1; j >= 0; j--) {
            LayerEntry earlier = layers.get(layer).get(j).entry();
            if (!earlier.isWhiteout() && earlier.path().equals(e.linkTarget())) {
                return dataOf(layer, j);
            }
        }
        return null;
    }

    private void removePrefix(String path, boolean self) {
        if (self) {
            state.remove(path);
        }
        String prefix = path.isEmpty() ? "" : path + "/";
        state.keySet().removeIf(k -> k.startsWith(prefix) && !k.equals(path));
    }

    private static String parent(String p) {
        int slash = p.lastIndexOf('/');
        return slash < 0 ? "" : p.substring(0, slash);
    }

    /** dive's metrics by the letter of its definitions, on strings. */
    static double[] dive(List<List<StackedImage.Item>> layers) {
        Map<String, long[]> perPath = new HashMap<>(); // cumulative, smallest, count
        Map<String, long[]> stacked = new TreeMap<>(); // path -> {size, isDir}
        List<Long> layerSizes = new ArrayList<>();
        for (List<StackedImage.Item> items : layers) {
            long layerSize = 0;
            Map<String, LayerEntry> tree = new TreeMap<>();
            Set<String> whiteouts = new HashSet<>();
            for (StackedImage.Item item : items) {
                LayerEntry e = item.entry();
                layerSize += e.size();
                if (e.whiteout() == dev.kiln.tar.Whiteout.OPAQUE) {
                    continue;
                }
                if (e.whiteout() == dev.kiln.tar.Whiteout.FILE) {
                    whiteouts.add(e.whiteoutTarget());
                } else {
                    tree.put(e.path(), e);
                }
            }
            layerSizes.add(layerSize);
            Set<String> nonLeaves = new HashSet<>();
            for (String p : tree.keySet()) {
                for (String a = parent(p); !a.isEmpty(); a = parent(a)) {
                    nonLeaves.add(a);
                }
            }
            for (String w : whiteouts) {
                for (String a = parent(w); !a.isEmpty(); a = parent(a)) {
                    nonLeaves.add(a);
                }
            }
            for (Map.Entry<String, LayerEntry> e : tree.entrySet()) {
                if (!nonLeaves.contains(e.getKey())) {
                    count(perPath, e.getKey(), e.getValue().size());
                }
            }
            for (String w : whiteouts) {
                long size = 0;
                long[] lower = stacked.get(w);
                if (lower != null && lower[1] == 1) {
                    for (Map.Entry<String, long[]> s : stacked.entrySet()) {
                        if (s.getKey().equals(w) || s.getKey().startsWith(w + "/")) {
                            size += s.getValue()[0];
                        }
                    }
                }
                count(perPath, w, size);
            }
            for (String w : whiteouts) {
                stacked.keySet().removeIf(k -> k.equals(w) || k.startsWith(w + "/"));
            }
            for (Map.Entry<String, LayerEntry> e : tree.entrySet()) {
                for (String a = parent(e.getKey()); !a.isEmpty(); a = parent(a)) {
                    stacked.putIfAbsent(a, new long[] {0, 1});
                }
                stacked.put(e.getKey(), new long[] {e.getValue().size(),
                        e.getValue().type() == EntryType.DIRECTORY ? 1 : 0});
            }
        }
        long min = 0;
        long cum = 0;
        long wasted = 0;
        for (long[] v : perPath.values()) {
            min += v[1];
            cum += v[0];
            if (v[2] >= 2) {
                wasted += v[0];
            }
        }
        long user = 0;
        for (int i = 1; i < layerSizes.size(); i++) {
            user += layerSizes.get(i);
        }
        return new double[] {cum == 0 ? 1.0 : (double) min / cum, wasted, user == 0 ? 0 : (double) wasted / user};
    }

    private static void count(Map<String, long[]> perPath, String path, long size) {
        long[] v = perPath.computeIfAbsent(path, k -> new long[] {0, -1, 0});
        v[0] += size;
        v[1] = v[1] < 0 ? size : Math.min(v[1], size);
        v[2]++;
    }
}
