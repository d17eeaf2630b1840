package dev.kiln.squash;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which file each hardlink of the range shares, while the first pass walks the layers from the
 * top down. A link names a path; what it links to is the entry at that path at the time its layer is
 * applied: an earlier entry of its own layer, else the nearest lower layer that has the path (unless a
 * layer in between deleted it), else a kept lower layer. Links are rare, so this keeps every one.
 */
final class Hardlinks {

    /** A link entry, by position: {@code key} is {@link #key(int, int)}. */
    record Link(long key, String path, String target) {
    }

    /** Where a chain of links ends: a range entry ({@code key >= 0}) or a path of the kept lower layers. */
    record Root(long key, String path) {
        boolean inLowerLayers() {
            return key < 0;
        }
    }

    private final Map<Long, Link> links = new HashMap<>();
    /** Link key to the key of the entry it names (which may be another link). */
    private final Map<Long, Long> resolved = new HashMap<>();
    /** Entry key to its path, for the entries links resolve to. */
    private final Map<Long, String> entryPaths = new HashMap<>();
    /** Links whose target lies below the range. */
    private final Map<Long, String> lowerTargets = new HashMap<>();
    private List<Link> pending = new ArrayList<>();
    /** Links of the layer being scanned whose target its own earlier entries do not hold. */
    private final List<Link> fromThisLayer = new ArrayList<>();
    private final List<String> layerNames;

    /** @param layerNames the range's layers, bottom first, for messages */
    Hardlinks(List<String> layerNames) {
        this.layerNames = List.copyOf(layerNames);
    }

    static long key(int layer, int ordinal) {
        return ((long) layer << 32) | (ordinal & 0xFFFFFFFFL);
    }

    static int layerOf(long key) {
        return (int) (key >>> 32);
    }

    static int ordinalOf(long key) {
        return (int) key;
    }

    boolean isEmpty() {
        return links.isEmpty();
    }

    /**
     * A link of the layer being scanned. {@code earlier} is the entry its layer already wrote at the
     * target path (the link names that one), or null when the target is below.
     */
    void add(int layer, ScannedEntry link, ScannedEntry earlier) throws SquashException {
        long key = key(layer, link.ordinal());
        Link l = new Link(key, link.path(), link.target());
        links.put(key, l);
        if (earlier != null) {
            resolveTo(l, layer, earlier);
        } else {
            fromThisLayer.add(l);
        }
    }

    /**
     * Ends a layer: resolves the links of upper layers against the whole layer (its last entry per
     * path, and whether it deletes the target), then leaves this layer's unresolved links pending.
     */
    void endLayer(int layer, Map<String, ScannedEntry> lastEntries, LayerDeletions deletions)
            throws SquashException {
        List<Link> still = new ArrayList<>();
        for (Link link : pending) {
            ScannedEntry hit = lastEntries.get(link.target());
            if (hit != null) {
                resolveTo(link, layer, hit);
            } else if (deletions.deletes(link.target())) {
                throw dangling(link);
            } else {
                still.add(link);
            }
        }
        still.addAll(fromThisLayer);
        fromThisLayer.clear();
        pending = still;
    }

    /** After the bottom layer: what is still pending links into the kept lower layers. */
    void finish() {
        for (Link link : pending) {
            lowerTargets.put(link.key(), link.target());
        }
        pending = List.of();
    }

    /** Every link, grouped by the entry (or lower path) whose file they share. */
    Map<Root, List<Link>> groups() {
        Map<Root, List<Link>> groups = new HashMap<>();
        for (Link link : links.values()) {
            groups.computeIfAbsent(rootOf(link), r -> new ArrayList<>()).add(link);
        }
        return groups;
    }

    private Root rootOf(Link link) {
        Link current = link;
        while (true) {
            String lower = lowerTargets.get(current.key());
            if (lower != null) {
                return new Root(-1, lower);
            }
            long target = resolved.get(current.key());
            Link next = links.get(target);
            if (next == null) {
                return new Root(target, entryPaths.get(target));
            }
            current = next;
        }
    }

    private void resolveTo(Link link, int layer, ScannedEntry entry) throws SquashException {
        if (entry.kind() == ScannedEntry.Kind.DIRECTORY) {
            throw SquashException.badInput(layerNames.get(layerOf(link.key())) + ": hardlink '"
                    + link.path() + "' points at the directory '" + link.target() + "'");
        }
        long target = key(layer, entry.ordinal());
        resolved.put(link.key(), target);
        entryPaths.put(target, entry.path());
    }

    private SquashException dangling(Link link) {
        return SquashException.badInput(layerNames.get(layerOf(link.key())) + ": hardlink '" + link.path()
                + "' points at '" + link.target() + "', which a lower layer deleted");
    }
}
