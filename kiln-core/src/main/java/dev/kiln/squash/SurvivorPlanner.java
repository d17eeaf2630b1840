package dev.kiln.squash;

import dev.kiln.KilnException;
import dev.kiln.tar.LayerEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first pass: takes the range's layer scans from the top down and decides, for every entry, whether
 * it survives into the merged layer. An entry survives when no layer above it wrote the same path,
 * deleted it or an ancestor, replaced an ancestor with a non-directory, or made an ancestor opaque.
 * A layer's effects apply only to the layers below it, never to its own entries (OCI whiteout rules).
 */
final class SurvivorPlanner {

    private final PathTree tree = new PathTree();
    private final Hardlinks hardlinks;
    private final List<String> names;
    private int expected;

    /** @param names the range's layers, bottom first, for messages */
    SurvivorPlanner(List<String> names) {
        this.names = List.copyOf(names);
        this.hardlinks = new Hardlinks(names);
        this.expected = names.size() - 1;
    }

    /** Takes the next layer down. */
    void accept(LayerScan scan) throws KilnException {
        int layer = scan.layer();
        if (layer != expected) {
            throw new IllegalStateException("layers must come top-down: expected " + expected + ", got " + layer);
        }
        expected--;
        Map<String, ScannedEntry> last = new HashMap<>();
        LayerDeletions deletions = new LayerDeletions();
        for (ScannedEntry e : scan.entries()) {
            switch (e.kind()) {
                case WHITEOUT -> {
                    deletions.whiteout(e.path());
                    if (!tree.hiddenAbove(e.path(), layer)) {
                        PathTree.Node n = tree.node(e.path());
                        n.hiddenBelow = Math.max(n.hiddenBelow, layer);
                    }
                }
                case OPAQUE -> {
                    deletions.opaque(e.path());
                    if (!tree.hiddenAbove(e.path(), layer)) {
                        PathTree.Node n = tree.node(e.path());
                        n.opaqueBelow = Math.max(n.opaqueBelow, layer);
                    }
                }
                default -> write(layer, e, last, deletions);
            }
        }
        hardlinks.endLayer(layer, last, deletions);
    }

    private void write(int layer, ScannedEntry e, Map<String, ScannedEntry> last, LayerDeletions deletions)
            throws SquashException {
        boolean directory = e.kind() == ScannedEntry.Kind.DIRECTORY;
        if (e.kind() == ScannedEntry.Kind.HARDLINK) {
            hardlinks.add(layer, e, last.get(e.target()));
        }
        if (!directory) {
            deletions.nonDirectory(e.path());
        }
        last.put(e.path(), e);
        tree.markAncestors(e.path(), layer);
        if (tree.hiddenAbove(e.path(), layer)) {
            return;
        }
        PathTree.Node n = tree.node(e.path());
        if (!directory) {
            n.hiddenBelow = Math.max(n.hiddenBelow, layer);
        }
        if (n.keptLayer > layer) {
            return; // an upper layer wrote this path last
        }
        // The first entry at this path from the top, or a later duplicate in the same tar, which wins.
        n.keptLayer = layer;
        n.keptOrdinal = e.ordinal();
        n.keptDirectory = directory ? e.directory() : null;
    }

    /**
     * After the bottom layer: the whiteouts still needed against {@code lower}, and the plan for
     * hardlinks whose file lost its name or moved.
     */
    MergePlan finish(LowerPaths lower) throws SquashException {
        if (expected != -1) {
            throw new IllegalStateException("layers 0.." + expected + " were not scanned");
        }
        hardlinks.finish();
        List<LayerEntry> cuts = new ArrayList<>();
        findCuts(tree.root(), "", lower, cuts);
        cuts.sort(Comparator.comparing(LayerEntry::path));
        Map<Long, Long> spoolAt = new HashMap<>();
        Map<Long, Long> materialize = new HashMap<>();
        Map<Long, String> linkTargets = new HashMap<>();
        Map<String, Long> lowerFetch = new HashMap<>();
        for (Map.Entry<Hardlinks.Root, List<Hardlinks.Link>> group : hardlinks.groups().entrySet()) {
            planGroup(group.getKey(), group.getValue(), spoolAt, materialize, linkTargets, lowerFetch);
        }
        List<LayerEntry> implicit = new ArrayList<>();
        findImplicit(tree, tree.root(), "", lower, implicit);
        return new MergePlan(tree, List.copyOf(cuts), spoolAt, materialize, linkTargets, lowerFetch,
                List.copyOf(implicit));
    }

    /**
     * Directories the range made only by extracting something below them, all of which is gone now:
     * the merged layer must make them itself. Returns whether the subtree has a surviving entry.
     */
    private static boolean findImplicit(PathTree tree, PathTree.Node node, String path, LowerPaths lower,
            List<LayerEntry> out) {
        boolean survivor = node.kept();
        for (PathTree.Node child : node.children()) {
            survivor |= findImplicit(tree, child, path.isEmpty() ? child.name : path + "/" + child.name, lower, out);
        }
        boolean lowerHasIt = lower.hasAtOrBelow(path) && !tree.hiddenAbove(path, -1);
        if (!survivor && node.exists && node.parent != null && !lowerHasIt) {
            out.add(LayerEntry.directory(path));
            return true;
        }
        return survivor;
    }

    /** Walks the tree from the root: the topmost change of each lower path decides what it needs. */
    private static void findCuts(PathTree.Node node, String path, LowerPaths lower, List<LayerEntry> cuts) {
        if (node.parent != null && node.hiddenBelow >= 0) {
            if (node.kept() && !node.keptIsDirectory()) {
                return; // a surviving file, link or symlink replaces whatever was below
            }
            if (node.kept()) {
                if (lower.hasBelow(path)) {
                    cuts.add(LayerEntry.opaqueWhiteout(path)); // deleted, then made again as a directory
                }
            } else if (lower.hasAtOrBelow(path)) {
                cuts.add(LayerEntry.whiteout(path));
            }
            return;
        }
        if (node.opaqueBelow >= 0) {
            if (lower.hasBelow(path)) {
                cuts.add(LayerEntry.opaqueWhiteout(path));
            }
            return;
        }
        for (PathTree.Node child : node.children()) {
            findCuts(child, path.isEmpty() ? child.name : path + "/" + child.name, lower, cuts);
        }
    }

    private void planGroup(Hardlinks.Root root, List<Hardlinks.Link> links, Map<Long, Long> spoolAt,
            Map<Long, Long> materialize, Map<Long, String> linkTargets, Map<String, Long> lowerFetch) {
        List<Hardlinks.Link> surviving = new ArrayList<>();
        for (Hardlinks.Link link : links) {
            if (survives(link.path(), link.key())) {
                surviving.add(link);
            }
        }
        if (surviving.isEmpty()) {
            return;
        }
        surviving.sort(Comparator.comparingLong(Hardlinks.Link::key));
        if (root.inLowerLayers() && !tree.hiddenAbove(root.path(), -1) && !keptAnywhere(root.path())) {
            // The lower file is still there under its name: every link names it, also one that named
            // it through an intermediate link whose own name the range replaced later.
            for (Hardlinks.Link link : surviving) {
                if (!link.target().equals(root.path())) {
                    linkTargets.put(link.key(), root.path());
                }
            }
            return;
        }
        String primaryPath;
        if (root.inLowerLayers()) {
            // The range replaced or deleted the lower file: the first link becomes a copy of it.
            Hardlinks.Link primary = surviving.remove(0);
            lowerFetch.put(root.path(), primary.key());
            materialize.put(primary.key(), -1L);
            primaryPath = primary.path();
        } else if (survives(root.path(), root.key())) {
            primaryPath = root.path();
        } else {
            Hardlinks.Link primary = surviving.remove(0);
            spoolAt.put(root.key(), primary.key());
            materialize.put(primary.key(), root.key());
            primaryPath = primary.path();
        }
        for (Hardlinks.Link link : surviving) {
            linkTargets.put(link.key(), primaryPath);
        }
    }

    private boolean survives(String path, long key) {
        PathTree.Node n = tree.find(path);
        return n != null && n.keptLayer == Hardlinks.layerOf(key) && n.keptOrdinal == Hardlinks.ordinalOf(key);
    }

    private boolean keptAnywhere(String path) {
        PathTree.Node n = tree.find(path);
        return n != null && n.kept();
    }
}
