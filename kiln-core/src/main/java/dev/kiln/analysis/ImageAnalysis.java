package dev.kiln.analysis;

import dev.kiln.oci.History;
import dev.kiln.oci.ImageConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The analysis of one image: its layers as compact records, which record of which layer the final
 * filesystem shows at every path, which records are hidden and why, and the figures derived from
 * that (per-layer summaries, totals, dive's metrics, base image). Findings are derived separately
 * ({@code dev.kiln.analysis.findings}).
 *
 * <p>Paths are {@link PathTrie} nodes; {@link #trie()} turns them into text.
 */
public final class ImageAnalysis {

    private final ImageInput input;
    private final PathTrie trie;
    private final List<LayerScan> scans;
    private final List<LayerRecords> records;
    private final Accounting accounting;
    private final LayerStack finalState;
    private final long[] subtreeBytes;
    private final List<LayerSummary> layers;
    private final List<HistoryStep> steps;
    private final Totals totals;
    private final DiveFigures dive;
    private final Optional<BaseImage> base;

    ImageAnalysis(ImageInput input, PathTrie trie, List<LayerScan> scans, BaseCandidate baseCandidate) {
        this.input = input;
        this.trie = trie;
        this.scans = List.copyOf(scans);
        this.records = scans.stream().map(LayerScan::records).toList();
        // dive's figures need only the records: work them out on the other core while the layers stack
        java.util.concurrent.FutureTask<DiveFigures> diveTask = new java.util.concurrent.FutureTask<>(
                () -> new DiveEfficiency(trie, records).compute());
        Thread diveThread = new Thread(diveTask, "kiln-analyze-dive");
        diveThread.setDaemon(true);
        diveThread.start();
        this.accounting = new Accounting(records);
        this.finalState = new LayerStack(trie, records);
        for (int i = 0; i < records.size(); i++) {
            finalState.applyNext(accounting);
        }
        accounting.resolveLinks();
        this.subtreeBytes = new long[trie.size()];
        int baseLayers = baseCandidate == null ? 0 : baseCandidate.diffIds().size();
        this.layers = summarise(baseLayers);
        this.steps = history();
        this.totals = total();
        this.dive = await(diveTask);
        this.base = baseCandidate == null ? Optional.empty() : Optional.of(baseOf(baseCandidate));
    }

    public ImageInput input() {
        return input;
    }

    public String reference() {
        return input.reference();
    }

    public ImageConfig config() {
        return input.config();
    }

    public PathTrie trie() {
        return trie;
    }

    public List<LayerSummary> layers() {
        return layers;
    }

    /** Every history entry, empty layers included, each with the layer it made (or -1). */
    public List<HistoryStep> steps() {
        return steps;
    }

    public Totals totals() {
        return totals;
    }

    public DiveFigures dive() {
        return dive;
    }

    public Optional<BaseImage> base() {
        return base;
    }

    public LayerRecords records(int layer) {
        return records.get(layer);
    }

    public LayerScan scan(int layer) {
        return scans.get(layer);
    }

    public int layerCount() {
        return records.size();
    }

    /** Why a record is not what the final image shows ({@link Shadow#VISIBLE} if it is). */
    public Shadow shadow(int layer, int record) {
        return accounting.shadow(layer, record);
    }

    /** The layer that deleted or replaced a record, or -1 when it is visible. */
    public int hiddenBy(int layer, int record) {
        return accounting.hiddenBy[layer][record];
    }

    /** Content bytes of a record the final filesystem does not show (0 for a visible or hardlinked one). */
    public long reclaimable(int layer, int record) {
        return accounting.reclaimable(layer, record);
    }

    /** Whether a path exists in the final filesystem. */
    public boolean exists(int node) {
        return finalState.exists(node);
    }

    public boolean isDirectory(int node) {
        return finalState.exists(node) && finalState.isDirectory(node);
    }

    /** The layer whose record the final filesystem shows at a path; -1 when the path is absent. */
    public int finalLayer(int node) {
        return finalState.layerOf(node);
    }

    /** The record the final filesystem shows at a path; -1 for an absent path or an implied directory. */
    public int finalRecord(int node) {
        return finalState.recordOf(node);
    }

    /** Content bytes the final filesystem shows at and below a path. */
    public long subtreeBytes(int node) {
        return node < subtreeBytes.length ? subtreeBytes[node] : 0;
    }

    /** The existing children of a path in the final filesystem. */
    public List<Integer> children(int node) {
        List<Integer> children = new ArrayList<>();
        for (int c = trie.firstChild(node); c >= 0; c = trie.nextSibling(c)) {
            if (finalState.exists(c)) {
                children.add(c);
            }
        }
        return Collections.unmodifiableList(children);
    }

    /**
     * Paths with the most reclaimable bytes: every hidden copy of a path added up; the layer given is the
     * one that hid the largest copy.
     */
    public List<PathBytes> topReclaimable(int limit) {
        long[] bytes = new long[trie.size()];
        int[] copies = new int[trie.size()];
        int[] responsible = new int[trie.size()];
        long[] largest = new long[trie.size()];
        for (int l = 0; l < records.size(); l++) {
            LayerRecords layer = records.get(l);
            for (int r = 0; r < layer.count(); r++) {
                if (!layer.isFile(r)) {
                    continue;
                }
                int node = layer.node(r);
                copies[node]++;
                long hidden = accounting.reclaimable(l, r);
                if (hidden > 0) {
                    bytes[node] += hidden;
                    if (hidden > largest[node]) {
                        largest[node] = hidden;
                        responsible[node] = accounting.hiddenBy[l][r];
                    }
                }
            }
        }
        return Ranking.top(bytes, limit, node -> new PathBytes("/" + trie.path(node), bytes[node], copies[node],
                responsible[node]));
    }

    /** The largest files of the final filesystem. */
    public List<PathBytes> largestFiles(int limit) {
        long[] bytes = new long[trie.size()];
        for (int node = 1; node < trie.size(); node++) {
            if (finalState.exists(node) && !finalState.isDirectory(node)) {
                bytes[node] = subtreeBytes(node);
            }
        }
        return Ranking.top(bytes, limit, node -> new PathBytes("/" + trie.path(node), bytes[node], 1,
                finalState.layerOf(node)));
    }

    private List<LayerSummary> summarise(int baseLayers) {
        List<LayerSummary> result = new ArrayList<>();
        long[] hidden = new long[records.size()];
        for (int l = 0; l < records.size(); l++) {
            LayerRecords layer = records.get(l);
            for (int r = 0; r < layer.count(); r++) {
                hidden[l] += accounting.reclaimable(l, r);
            }
        }
        attributeVisibleBytes();
        for (int l = 0; l < records.size(); l++) {
            LayerInput in = input.layers().get(l);
            LayerScan scan = scans.get(l);
            Optional<History> history = in.history();
            result.add(new LayerSummary(l, in.digest(), in.diffId(), scan.digests().size(),
                    scan.digests().uncompressedSize(), records.get(l).dataBytes(), hidden[l], records.get(l).count(),
                    accounting.added[l], accounting.modified[l], accounting.metadataOnly[l], accounting.removed[l],
                    history.map(History::createdBy).orElse(""), history.map(History::created).orElse(null),
                    history.map(History::comment).orElse(null), l < baseLayers));
        }
        return List.copyOf(result);
    }

    /** Fills {@link #subtreeBytes}: a visible file's bytes at its path, a file seen only through a link at the link's. */
    private void attributeVisibleBytes() {
        java.util.BitSet[] attributed = new java.util.BitSet[records.size()];
        for (int l = 0; l < records.size(); l++) {
            attributed[l] = new java.util.BitSet();
        }
        for (int node = 1; node < trie.size(); node++) {
            int record = finalState.recordOf(node);
            if (record < 0) {
                continue;
            }
            int l = finalState.layerOf(node);
            LayerRecords layer = records.get(l);
            int data = layer.isFile(record) ? record : layer.hardlinkRecord(record);
            if (data >= 0 && !attributed[l].get(data)) {
                attributed[l].set(data);
                subtreeBytes[node] += layer.storedSize(data);
            }
        }
        for (int node = trie.size() - 1; node > 0; node--) {
            subtreeBytes[trie.parent(node)] += subtreeBytes[node];
        }
    }

    private List<HistoryStep> history() {
        List<History> entries = input.config().history();
        List<HistoryStep> result = new ArrayList<>();
        int layer = 0;
        for (int i = 0; i < entries.size(); i++) {
            History h = entries.get(i);
            int made = -1;
            if (!h.emptyLayer() && layer < records.size()) {
                made = layer++;
            }
            result.add(new HistoryStep(i, h.created(), h.createdBy(), h.comment(), h.emptyLayer(), made));
        }
        return List.copyOf(result);
    }

    private Totals total() {
        long compressed = 0;
        long uncompressed = 0;
        long content = 0;
        long hidden = 0;
        for (LayerSummary layer : layers) {
            compressed += layer.compressedSize();
            uncompressed += layer.uncompressedSize();
            content += layer.contentBytes();
            hidden += layer.hiddenBytes();
        }
        long files = 0;
        long directories = 0;
        for (int node = 1; node < trie.size(); node++) {
            if (finalState.exists(node)) {
                if (finalState.isDirectory(node)) {
                    directories++;
                } else {
                    files++;
                }
            }
        }
        return new Totals(compressed, uncompressed, content, content - hidden, hidden, files, directories);
    }

    private BaseImage baseOf(BaseCandidate candidate) {
        int n = candidate.diffIds().size();
        long compressed = 0;
        long uncompressed = 0;
        long content = 0;
        long hidden = 0;
        for (LayerSummary layer : layers.subList(0, n)) {
            compressed += layer.compressedSize();
            uncompressed += layer.uncompressedSize();
            content += layer.contentBytes();
            hidden += layer.hiddenBytes();
        }
        return new BaseImage(candidate.name(), n, compressed, uncompressed, content, hidden);
    }

    private static DiveFigures await(java.util.concurrent.FutureTask<DiveFigures> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing dive's figures", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** When the image was made, from its config. */
    public Optional<Instant> created() {
        return Optional.ofNullable(input.config().created());
    }
}
