package dev.kiln.squash;

/**
 * Builds the set of paths the kept lower layers leave (their applied result, not just the union of
 * their entries), from the layers' scans offered top-down: an entry counts unless a lower layer above
 * it deleted it or an ancestor, replaced an ancestor with a non-directory, or made an ancestor opaque.
 * Only 64-bit path hashes are kept.
 */
final class LowerTree {

    private final LowerPaths present = new LowerPaths();
    /** Path hash to the highest layer that whited it out or wrote a non-directory there. */
    private final LongIntMap removedBelow = new LongIntMap();
    /** Directory hash to the highest layer that made it opaque. */
    private final LongIntMap opaqueBelow = new LongIntMap();

    /** Takes the next lower layer down ({@code layer} counts from the bottom). */
    void accept(int layer, LayerScan scan) {
        for (ScannedEntry e : scan.entries()) {
            if (e.path().isEmpty()) {
                if (e.kind() == ScannedEntry.Kind.OPAQUE) {
                    opaqueBelow.raise(PathHash.of(""), layer);
                }
                continue;
            }
            long[] prefixes = PathHash.prefixes(e.path());
            int last = prefixes.length - 1;
            int visible = visibleDepth(prefixes, layer);
            long self = prefixes[last];
            if (!e.kind().writesPath()) {
                if (visible == last) {
                    (e.kind() == ScannedEntry.Kind.WHITEOUT ? removedBelow : opaqueBelow).raise(self, layer);
                }
            } else if (visible == last) {
                present.add(prefixes, last);
                if (e.kind() != ScannedEntry.Kind.DIRECTORY) {
                    removedBelow.raise(self, layer);
                }
            } else if (visible >= 0) {
                // Extracting the entry made its ancestors, and no layer above removed these.
                present.add(prefixes, visible);
            }
        }
    }

    /** How deep the path is visible to {@code layer}: the index of its last node no layer above hides. */
    private int visibleDepth(long[] prefixes, int layer) {
        if (opaqueBelow.get(PathHash.of("")) > layer) {
            return -1;
        }
        for (int i = 0; i < prefixes.length; i++) {
            if (removedBelow.get(prefixes[i]) > layer || (i > 0 && opaqueBelow.get(prefixes[i - 1]) > layer)) {
                return i - 1;
            }
        }
        return prefixes.length - 1;
    }

    LowerPaths paths() {
        return present;
    }
}
