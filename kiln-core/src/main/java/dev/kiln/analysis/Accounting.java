package dev.kiln.analysis;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Listens to the final stacking of all layers and keeps, per record, whether it survives and if not
 * which layer hid it and why; per layer, the paths it added, modified and removed. Hardlinks are
 * resolved at the end: a file's bytes stay visible while any of its names does.
 */
final class Accounting implements LayerStack.Listener {

    final List<LayerRecords> layers;
    final int[][] hiddenBy;
    final byte[][] reason;
    final BitSet[] visibleThroughLink;
    final int[] added;
    final int[] modified;
    final int[] metadataOnly;
    final int[] removed;

    Accounting(List<LayerRecords> layers) {
        this.layers = layers;
        int n = layers.size();
        hiddenBy = new int[n][];
        reason = new byte[n][];
        visibleThroughLink = new BitSet[n];
        for (int i = 0; i < n; i++) {
            hiddenBy[i] = new int[layers.get(i).count()];
            Arrays.fill(hiddenBy[i], -1);
            reason[i] = new byte[layers.get(i).count()];
            visibleThroughLink[i] = new BitSet();
        }
        added = new int[n];
        modified = new int[n];
        metadataOnly = new int[n];
        removed = new int[n];
    }

    @Override
    public void hidden(int layer, int record, int byLayer, Shadow why) {
        hiddenBy[layer][record] = byLayer;
        reason[layer][record] = (byte) why.ordinal();
    }

    @Override
    public void added(int layer, int record) {
        if (!layers.get(layer).isDirectory(record)) {
            added[layer]++;
        }
    }

    @Override
    public void modified(int layer, int record, int previousLayer, int previousRecord, Shadow change) {
        if (previousLayer == layer || layers.get(layer).isDirectory(record)) {
            return;
        }
        modified[layer]++;
        if (change == Shadow.METADATA_CHANGED) {
            metadataOnly[layer]++;
        }
    }

    @Override
    public void removed(int byLayer, int node, int layer, int record) {
        if (record >= 0 && !layers.get(layer).isDirectory(record)) {
            removed[byLayer]++;
        }
    }

    /** After stacking: marks the data of every hardlink that is still visible. */
    void resolveLinks() {
        for (int l = 0; l < layers.size(); l++) {
            LayerRecords records = layers.get(l);
            for (int r = 0; r < records.count(); r++) {
                int data = records.hardlinkRecord(r);
                if (data >= 0 && hiddenBy[l][r] < 0) {
                    visibleThroughLink[l].set(data);
                }
            }
        }
    }

    boolean visible(int layer, int record) {
        return hiddenBy[layer][record] < 0;
    }

    /** Whether a record's content bytes end up in the final filesystem (under its own name or a link's). */
    boolean contentVisible(int layer, int record) {
        return hiddenBy[layer][record] < 0 || visibleThroughLink[layer].get(record);
    }

    /** Content bytes of a record that the final filesystem does not show. */
    long reclaimable(int layer, int record) {
        LayerRecords records = layers.get(layer);
        if (!records.isFile(record) || contentVisible(layer, record)) {
            return 0;
        }
        return records.storedSize(record);
    }

    Shadow shadow(int layer, int record) {
        return hiddenBy[layer][record] < 0 ? Shadow.VISIBLE : Shadow.values()[reason[layer][record]];
    }
}
