package dev.kiln.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What differs between two analysed images (sharing one {@link PathTrie}): layers matched by
 * {@code diff_id}, and every path of the two final filesystems: added, removed, grown, shrunk or
 * changed in place. Directories are compared by the bytes below them.
 *
 * @param layers      every layer of either image, in order: shared ones once, then each side's own
 * @param paths       files that differ, largest change first (at most the limit asked)
 * @param directories directories (up to three levels deep) whose content changed size, largest change first
 */
public record ImageComparison(String before, String after, List<LayerDiff> layers, Counts counts, List<PathDelta> paths,
        List<PathDelta> directories) {

    public enum Kind { ADDED, REMOVED, GREW, SHRANK, CHANGED }

    /** A layer and which image has it. */
    public record LayerDiff(String side, int indexBefore, int indexAfter, String diffId, long uncompressedBytes,
            long contentBytes, String step) {
    }

    public record PathDelta(String path, Kind kind, long bytesBefore, long bytesAfter) {
        public long delta() {
            return bytesAfter - bytesBefore;
        }
    }

    /** Totals of both sides and how many files changed how. */
    public record Counts(long compressedBefore, long compressedAfter, long uncompressedBefore, long uncompressedAfter,
            long visibleBefore, long visibleAfter, long reclaimableBefore, long reclaimableAfter, int added, int removed,
            int grew, int shrank, int changed) {
    }

    public ImageComparison {
        layers = List.copyOf(layers);
        paths = List.copyOf(paths);
        directories = List.copyOf(directories);
    }

    public static ImageComparison of(ImageAnalysis before, ImageAnalysis after, int limit) {
        if (before.trie() != after.trie()) {
            throw new IllegalArgumentException("images to compare must be analysed with one shared PathTrie");
        }
        PathTrie trie = before.trie();
        List<PathDelta> deltas = new ArrayList<>();
        int[] counts = new int[Kind.values().length];
        for (int node = 1; node < trie.size(); node++) {
            boolean inBefore = before.exists(node) && !before.isDirectory(node);
            boolean inAfter = after.exists(node) && !after.isDirectory(node);
            if (!inBefore && !inAfter) {
                continue;
            }
            long b = inBefore ? before.subtreeBytes(node) : 0;
            long a = inAfter ? after.subtreeBytes(node) : 0;
            Kind kind;
            if (!inBefore) {
                kind = Kind.ADDED;
            } else if (!inAfter) {
                kind = Kind.REMOVED;
            } else if (a > b) {
                kind = Kind.GREW;
            } else if (a < b) {
                kind = Kind.SHRANK;
            } else if (!sameContent(before, after, node)) {
                kind = Kind.CHANGED;
            } else {
                continue;
            }
            counts[kind.ordinal()]++;
            deltas.add(new PathDelta("/" + trie.path(node), kind, b, a));
        }
        deltas.sort(Comparator.comparingLong((PathDelta d) -> Math.abs(d.delta())).reversed()
                .thenComparing(PathDelta::path));
        List<PathDelta> directories = new ArrayList<>();
        for (int node = 1; node < trie.size(); node++) {
            boolean dirBefore = before.isDirectory(node);
            boolean dirAfter = after.isDirectory(node);
            if ((!dirBefore && !dirAfter) || trie.depth(node) > 3) {
                continue;
            }
            long b = dirBefore ? before.subtreeBytes(node) : 0;
            long a = dirAfter ? after.subtreeBytes(node) : 0;
            if (a != b) {
                Kind kind = !dirBefore ? Kind.ADDED : !dirAfter ? Kind.REMOVED : a > b ? Kind.GREW : Kind.SHRANK;
                directories.add(new PathDelta("/" + trie.path(node), kind, b, a));
            }
        }
        directories.sort(Comparator.comparingLong((PathDelta d) -> Math.abs(d.delta())).reversed()
                .thenComparing(PathDelta::path));
        Totals tb = before.totals();
        Totals ta = after.totals();
        Counts c = new Counts(tb.compressedBytes(), ta.compressedBytes(), tb.uncompressedBytes(), ta.uncompressedBytes(),
                tb.visibleBytes(), ta.visibleBytes(), tb.reclaimableBytes(), ta.reclaimableBytes(),
                counts[Kind.ADDED.ordinal()], counts[Kind.REMOVED.ordinal()], counts[Kind.GREW.ordinal()],
                counts[Kind.SHRANK.ordinal()], counts[Kind.CHANGED.ordinal()]);
        return new ImageComparison(before.reference(), after.reference(), layers(before, after), c,
                deltas.subList(0, Math.min(limit, deltas.size())),
                directories.subList(0, Math.min(limit, directories.size())));
    }

    private static boolean sameContent(ImageAnalysis before, ImageAnalysis after, int node) {
        int rb = before.finalRecord(node);
        int ra = after.finalRecord(node);
        if (rb < 0 || ra < 0) {
            return rb == ra;
        }
        return LayerStack.compare(before.records(before.finalLayer(node)), rb, after.records(after.finalLayer(node)), ra)
                != Shadow.OVERWRITTEN;
    }

    private static List<LayerDiff> layers(ImageAnalysis before, ImageAnalysis after) {
        Map<String, Integer> inAfter = new HashMap<>();
        for (LayerSummary l : after.layers()) {
            inAfter.putIfAbsent(l.diffId().toString(), l.index());
        }
        Map<String, Integer> inBefore = new HashMap<>();
        List<LayerDiff> result = new ArrayList<>();
        for (LayerSummary l : before.layers()) {
            inBefore.putIfAbsent(l.diffId().toString(), l.index());
            Integer other = inAfter.get(l.diffId().toString());
            result.add(new LayerDiff(other == null ? "before" : "both", l.index(), other == null ? -1 : other,
                    l.diffId().toString(), l.uncompressedSize(), l.contentBytes(), l.step()));
        }
        for (LayerSummary l : after.layers()) {
            if (!inBefore.containsKey(l.diffId().toString())) {
                result.add(new LayerDiff("after", -1, l.index(), l.diffId().toString(), l.uncompressedSize(),
                        l.contentBytes(), l.step()));
            }
        }
        return result;
    }
}
