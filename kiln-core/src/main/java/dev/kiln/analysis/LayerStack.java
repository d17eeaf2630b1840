package dev.kiln.analysis;

import dev.kiln.tar.EntryType;
import java.util.Arrays;
import java.util.List;

/**
 * Applies layers one after another, the way an overlay filesystem stacks them, over the nodes of a
 * {@link PathTrie}: for every path, which record of which layer provides it now. Whiteouts and opaque
 * directories act on the layers below only, so each layer's whiteouts are applied before its entries.
 * A path whose parents no layer listed gets implicit parent directories.
 *
 * <p>Every change is reported to a {@link Listener}: that is how the analysis learns which records end
 * up hidden and why, and how the interactive view marks what a layer added, changed and removed.
 */
final class LayerStack {

    /** Receives what applying a layer does; all methods default to nothing. */
    interface Listener {
        /** A record stops being visible because of layer {@code byLayer}. */
        default void hidden(int layer, int record, int byLayer, Shadow reason) {
        }

        /** A new path appears. */
        default void added(int layer, int record) {
        }

        /** An existing path gets a new record ({@code previousRecord} may be -1 for an implicit directory). */
        default void modified(int layer, int record, int previousLayer, int previousRecord, Shadow change) {
        }

        /** A path that existed is deleted by layer {@code byLayer} ({@code record} -1 for an implicit directory). */
        default void removed(int byLayer, int node, int layer, int record) {
        }
    }

    private static final int IMPLICIT = -1;

    private final PathTrie trie;
    private final List<LayerRecords> layers;
    private final int[] currentLayer;
    private final int[] currentRecord;
    private final IntStack walk = new IntStack();
    private int applied;

    LayerStack(PathTrie trie, List<LayerRecords> layers) {
        this.trie = trie;
        this.layers = layers;
        this.currentLayer = new int[trie.size()];
        this.currentRecord = new int[trie.size()];
        Arrays.fill(currentLayer, -1);
        Arrays.fill(currentRecord, IMPLICIT);
        currentLayer[PathTrie.ROOT] = 0;
    }

    /** Layers applied so far. */
    int applied() {
        return applied;
    }

    /** Whether a path exists now (nodes added to a shared trie after this stack was made never do). */
    boolean exists(int node) {
        return node < currentLayer.length && currentLayer[node] >= 0;
    }

    /** The layer providing a path now (for an implicit directory, the layer that implied it); -1 if absent. */
    int layerOf(int node) {
        return node < currentLayer.length ? currentLayer[node] : -1;
    }

    /** The record providing a path now; -1 for an implicit directory or an absent path. */
    int recordOf(int node) {
        return exists(node) ? currentRecord[node] : -1;
    }

    /** Whether an existing path is a directory (implicit directories included). */
    boolean isDirectory(int node) {
        int record = currentRecord[node];
        return record == IMPLICIT || layers.get(currentLayer[node]).isDirectory(record);
    }

    /** Applies the next layer. */
    void applyNext(Listener listener) {
        int layer = applied++;
        LayerRecords records = layers.get(layer);
        int count = records.count();
        for (int r = 0; r < count; r++) {
            if (records.isWhiteout(r)) {
                int node = records.node(r);
                if (node != PathTrie.ROOT && exists(node)) {
                    removeSubtree(node, layer, listener);
                }
            } else if (records.isOpaque(r)) {
                int node = records.node(r);
                if (exists(node)) {
                    for (int c = trie.firstChild(node); c >= 0; c = trie.nextSibling(c)) {
                        if (exists(c)) {
                            removeSubtree(c, layer, listener);
                        }
                    }
                }
            }
        }
        for (int r = 0; r < count; r++) {
            if (records.isEntry(r)) {
                place(layer, records, r, listener);
            }
        }
    }

    private void place(int layer, LayerRecords records, int record, Listener listener) {
        int node = records.node(record);
        ensureParents(trie.parent(node), layer, listener);
        boolean directory = records.isDirectory(record);
        if (!exists(node)) {
            set(node, layer, record);
            listener.added(layer, record);
            return;
        }
        int previousLayer = currentLayer[node];
        int previousRecord = currentRecord[node];
        boolean wasDirectory = isDirectory(node);
        if (wasDirectory && !directory) {
            // A file or link where a directory was: everything below it goes.
            for (int c = trie.firstChild(node); c >= 0; c = trie.nextSibling(c)) {
                if (exists(c)) {
                    removeSubtree(c, layer, listener);
                }
            }
        }
        Shadow change;
        if (previousRecord == IMPLICIT) {
            change = Shadow.OVERWRITTEN;
        } else {
            change = compare(layers.get(previousLayer), previousRecord, records, record);
            listener.hidden(previousLayer, previousRecord, layer, change);
        }
        set(node, layer, record);
        listener.modified(layer, record, previousLayer, previousRecord, change);
    }

    /** Makes every missing parent an implicit directory; a file or link in the way is replaced. */
    private void ensureParents(int node, int layer, Listener listener) {
        while (node > PathTrie.ROOT) {
            if (exists(node)) {
                if (isDirectory(node)) {
                    return;
                }
                listener.hidden(currentLayer[node], currentRecord[node], layer, Shadow.DELETED);
                listener.removed(layer, node, currentLayer[node], currentRecord[node]);
            }
            currentLayer[node] = layer;
            currentRecord[node] = IMPLICIT;
            node = trie.parent(node);
        }
    }

    private void removeSubtree(int top, int layer, Listener listener) {
        walk.push(top);
        while (!walk.isEmpty()) {
            int node = walk.pop();
            if (!exists(node)) {
                continue;
            }
            int ownerLayer = currentLayer[node];
            int ownerRecord = currentRecord[node];
            if (ownerRecord != IMPLICIT) {
                listener.hidden(ownerLayer, ownerRecord, layer, Shadow.DELETED);
            }
            listener.removed(layer, node, ownerLayer, ownerRecord);
            currentLayer[node] = -1;
            currentRecord[node] = IMPLICIT;
            for (int c = trie.firstChild(node); c >= 0; c = trie.nextSibling(c)) {
                if (exists(c)) {
                    walk.push(c);
                }
            }
        }
    }

    private void set(int node, int layer, int record) {
        currentLayer[node] = layer;
        currentRecord[node] = record;
    }

    /** How a record differs from the one it replaces. */
    static Shadow compare(LayerRecords oldLayer, int oldRecord, LayerRecords newLayer, int newRecord) {
        EntryType oldType = oldLayer.type(oldRecord);
        EntryType newType = newLayer.type(newRecord);
        if (oldType != newType) {
            return Shadow.OVERWRITTEN;
        }
        boolean sameContent = switch (newType) {
            case FILE -> oldLayer.size(oldRecord) == newLayer.size(newRecord)
                    && oldLayer.contentHash(oldRecord) == newLayer.contentHash(newRecord)
                    && oldLayer.isSparse(oldRecord) == newLayer.isSparse(newRecord)
                    && oldLayer.storedSize(oldRecord) == newLayer.storedSize(newRecord);
            case SYMLINK -> oldLayer.symlinkTarget(oldRecord).equals(newLayer.symlinkTarget(newRecord));
            case DIRECTORY, FIFO -> true;
            default -> false; // hardlinks and devices: no content to compare, call it a change
        };
        boolean sameMetadata = oldLayer.mode(oldRecord) == newLayer.mode(newRecord)
                && oldLayer.uid(oldRecord) == newLayer.uid(newRecord)
                && oldLayer.gid(oldRecord) == newLayer.gid(newRecord);
        return Shadow.ofReplacement(sameContent, sameMetadata);
    }
}
