package dev.kiln.analysis;

import dev.kiln.tar.EntryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The filesystem as it stands after one layer, with what that layer added, modified and removed
 * marked: what the interactive view shows. Built by replaying the compact records of the layers up to
 * it, which takes a fraction of a second even for images with hundreds of thousands of files.
 */
public final class LayerView {

    private final ImageAnalysis analysis;
    private final int layer;
    private final LayerStack stack;
    private final byte[] change;
    /** For removed paths: the layer and record that provided them before. */
    private final int[] removedLayer;
    private final int[] removedRecord;
    private final long[] bytes;

    private LayerView(ImageAnalysis analysis, int layer) {
        this.analysis = analysis;
        this.layer = layer;
        int nodes = analysis.trie().size();
        List<LayerRecords> records = new ArrayList<>();
        for (int l = 0; l < analysis.layerCount(); l++) {
            records.add(analysis.records(l));
        }
        this.stack = new LayerStack(analysis.trie(), records);
        this.change = new byte[nodes];
        this.removedLayer = new int[nodes];
        this.removedRecord = new int[nodes];
        Arrays.fill(removedLayer, -1);
        for (int l = 0; l < layer; l++) {
            stack.applyNext(new LayerStack.Listener() { });
        }
        stack.applyNext(new LayerStack.Listener() {
            @Override
            public void added(int at, int record) {
                mark(records.get(at).node(record), Change.ADDED);
            }

            @Override
            public void modified(int at, int record, int previousLayer, int previousRecord, Shadow how) {
                int node = records.get(at).node(record);
                if (change[node] != Change.ADDED.ordinal()) {
                    mark(node, Change.MODIFIED);
                }
            }

            @Override
            public void removed(int byLayer, int node, int ownerLayer, int ownerRecord) {
                mark(node, Change.REMOVED);
                removedLayer[node] = ownerLayer;
                removedRecord[node] = ownerRecord;
            }
        });
        this.bytes = sizes();
    }

    /** The view after layer {@code layer} (0-based). */
    public static LayerView of(ImageAnalysis analysis, int layer) {
        if (layer < 0 || layer >= analysis.layerCount()) {
            throw new IllegalArgumentException("no layer " + layer);
        }
        return new LayerView(analysis, layer);
    }

    public int layer() {
        return layer;
    }

    public PathTrie trie() {
        return analysis.trie();
    }

    /** Whether a path is in the view: present after the layer, or removed by it. */
    public boolean shown(int node) {
        return stack.exists(node) || change[node] == Change.REMOVED.ordinal();
    }

    public Change change(int node) {
        if (stack.exists(node) && change[node] == Change.REMOVED.ordinal()) {
            return Change.MODIFIED; // removed and put back by the same layer
        }
        return Change.values()[change[node]];
    }

    /** Whether this path or anything below it changed in the layer (for "only changes" filtering). */
    public boolean changedBelow(int node) {
        return changedBelow[node];
    }

    public boolean isDirectory(int node) {
        if (stack.exists(node)) {
            return stack.isDirectory(node);
        }
        int record = removedRecord[node];
        return record < 0 || analysis.records(removedLayer[node]).isDirectory(record);
    }

    /** Content bytes at and below the path (for a removed path: what it held). */
    public long bytes(int node) {
        return bytes[node];
    }

    /** {@code drwxr-xr-x}-style mode, or spaces for an implied directory. */
    public String mode(int node) {
        int[] lr = provider(node);
        if (lr[1] < 0) {
            return "d?????????";
        }
        LayerRecords records = analysis.records(lr[0]);
        int mode = records.mode(lr[1]);
        StringBuilder text = new StringBuilder();
        text.append(records.type(lr[1]).lsChar());
        String rwx = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode & (1 << bit)) != 0 ? rwx.charAt(8 - bit) : '-');
        }
        if ((mode & 04000) != 0) {
            text.setCharAt(3, (mode & 0100) != 0 ? 's' : 'S');
        }
        if ((mode & 02000) != 0) {
            text.setCharAt(6, (mode & 010) != 0 ? 's' : 'S');
        }
        if ((mode & 01000) != 0) {
            text.setCharAt(9, (mode & 01) != 0 ? 't' : 'T');
        }
        return text.toString();
    }

    /** {@code uid:gid}, empty for an implied directory. */
    public String owner(int node) {
        int[] lr = provider(node);
        if (lr[1] < 0) {
            return "";
        }
        LayerRecords records = analysis.records(lr[0]);
        return records.uid(lr[1]) + ":" + records.gid(lr[1]);
    }

    /** A symlink's target, or {@code ""}. */
    public String linkTarget(int node) {
        int[] lr = provider(node);
        if (lr[1] < 0) {
            return "";
        }
        LayerRecords records = analysis.records(lr[0]);
        if (records.type(lr[1]) == EntryType.SYMLINK) {
            return records.symlinkTarget(lr[1]);
        }
        return "";
    }

    /** The shown children of a path, directories and files mixed, by name or by size (largest first). */
    public List<Integer> children(int node, boolean bySize) {
        List<Integer> result = new ArrayList<>();
        PathTrie trie = analysis.trie();
        for (int c = trie.firstChild(node); c >= 0; c = trie.nextSibling(c)) {
            if (shown(c)) {
                result.add(c);
            }
        }
        Comparator<Integer> byName = Comparator.comparing(trie::name);
        result.sort(bySize ? Comparator.comparingLong((Integer c) -> bytes[c]).reversed().thenComparing(byName) : byName);
        return result;
    }

    private boolean[] changedBelow = new boolean[0];

    private void mark(int node, Change kind) {
        change[node] = (byte) kind.ordinal();
    }

    private int[] provider(int node) {
        if (stack.exists(node)) {
            return new int[] {stack.layerOf(node), stack.recordOf(node)};
        }
        return new int[] {removedLayer[node], removedRecord[node]};
    }

    private long[] sizes() {
        PathTrie trie = analysis.trie();
        int nodes = trie.size();
        long[] result = new long[nodes];
        changedBelow = new boolean[nodes];
        for (int node = nodes - 1; node > 0; node--) {
            if (!shown(node)) {
                continue;
            }
            int[] lr = provider(node);
            if (lr[1] >= 0) {
                LayerRecords records = analysis.records(lr[0]);
                if (records.isFile(lr[1])) {
                    result[node] += records.storedSize(lr[1]);
                }
            }
            if (change[node] != 0) {
                changedBelow[node] = true;
            }
            int parent = trie.parent(node);
            if (stack.exists(node) || !stack.exists(parent)) {
                result[parent] += result[node]; // a present directory does not weigh what it lost
            }
            if (changedBelow[node]) {
                changedBelow[parent] = true;
            }
        }
        return result;
    }
}
