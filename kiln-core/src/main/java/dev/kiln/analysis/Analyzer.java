package dev.kiln.analysis;

import dev.kiln.Futures;
import dev.kiln.KilnException;
import dev.kiln.blob.VerifyingInputStream;
import dev.kiln.event.ProgressEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Analyses an image: every layer is streamed once, several layers at a time (per-layer scans are
 * independent; the largest go first so the cores stay busy), each checked against its digest and
 * diff_id; then the layers are stacked in order, which is sequential but touches only the compact
 * records.
 */
public final class Analyzer {

    private final AnalysisOptions options;

    public Analyzer(AnalysisOptions options) {
        this.options = options;
    }

    public ImageAnalysis analyze(ImageInput input) throws IOException, KilnException {
        return analyze(input, new PathTrie());
    }

    /** Analyses with a trie shared with other analyses (for comparing images path by path). */
    public ImageAnalysis analyze(ImageInput input, PathTrie trie) throws IOException, KilnException {
        List<LayerScan> scans = scan(input, trie);
        BaseCandidate base = null;
        List<dev.kiln.oci.Digest> diffIds = input.layers().stream().map(LayerInput::diffId).toList();
        if (options.base().isPresent()) {
            base = options.base().get();
            BaseImages.requirePrefix(base, diffIds, input.reference());
        } else {
            base = BaseImages.longestPrefix(diffIds, input.manifestDigest(), options.baseCandidates()).orElse(null);
        }
        return new ImageAnalysis(input, trie, scans, base);
    }

    /** Scans every layer of an image into records, in parallel. */
    List<LayerScan> scan(ImageInput input, PathTrie trie) throws IOException, KilnException {
        List<LayerInput> layers = input.layers();
        List<LayerInput> order = new ArrayList<>(layers);
        order.sort(Comparator.comparingLong(LayerInput::compressedSize).reversed());
        int threads = Math.max(1, Math.min(options.threads(), layers.size()));
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "kiln-analyze-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<LayerScan>> futures = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                futures.add(null);
            }
            for (LayerInput layer : order) {
                futures.set(layer.index(), pool.submit(() -> scanOne(input, layer, trie)));
            }
            List<LayerScan> scans = new ArrayList<>(layers.size());
            for (Future<LayerScan> future : futures) {
                scans.add(Futures.await(future, "analysing layers"));
            }
            return scans;
        } finally {
            pool.shutdownNow();
        }
    }

    private LayerScan scanOne(ImageInput input, LayerInput layer, PathTrie trie) throws Exception {
        String id = "layer " + layer.index() + " " + layer.digest().shortHex();
        options.events().accept(new ProgressEvent(id, "analyze", 0, layer.compressedSize(), ProgressEvent.State.STARTED));
        LayerScan scan;
        InputStream opened = layer.opener().open();
        // The source's verifying stream checks the blob's digest; the scanner then does not hash it again.
        VerifyingInputStream verified = opened instanceof VerifyingInputStream v ? v : null;
        try (InputStream in = new ProgressStream(opened, id, layer.compressedSize(), options.events())) {
            scan = new LayerScanner(trie).scan(in, verified);
        } catch (KilnException | IOException e) {
            options.events().accept(new ProgressEvent(id, "analyze", 0, layer.compressedSize(),
                    ProgressEvent.State.FAILED));
            throw located(input, layer, e);
        }
        if (!scan.digests().digest().equals(layer.digest())) {
            throw new AnalysisException(KilnException.Kind.BAD_INPUT, input.reference() + ": layer " + layer.index()
                    + " " + layer.digest() + ": content has digest " + scan.digests().digest());
        }
        if (!scan.digests().diffId().equals(layer.diffId())) {
            throw new AnalysisException(KilnException.Kind.BAD_INPUT, input.reference() + ": layer " + layer.index()
                    + " " + layer.digest() + ": uncompressed digest is " + scan.digests().diffId()
                    + " but the config's diff_id is " + layer.diffId());
        }
        options.events().accept(new ProgressEvent(id, "analyze", layer.compressedSize(), layer.compressedSize(),
                ProgressEvent.State.DONE));
        return scan;
    }

    /** Reports the bytes of a layer read so far, every few megabytes. */
    private static final class ProgressStream extends java.io.FilterInputStream {
        private static final long STEP = 4L << 20;
        private final String id;
        private final long total;
        private final dev.kiln.event.EventSink events;
        private long done;
        private long reported;

        ProgressStream(InputStream in, String id, long total, dev.kiln.event.EventSink events) {
            super(in);
            this.id = id;
            this.total = total;
            this.events = events;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            done += n;
            if (done - reported >= STEP) {
                reported = done;
                events.accept(new ProgressEvent(id, "analyze", done, total, ProgressEvent.State.RUNNING));
            }
        }
    }

    /** The error with the image and layer it happened in, keeping whose fault it is. */
    private static Exception located(ImageInput input, LayerInput layer, Exception e) {
        String where = input.reference() + ": layer " + layer.index() + " " + layer.digest();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains(layer.digest().encoded())) {
            where = input.reference() + ": layer " + layer.index();
        }
        Throwable cause = e instanceof IOException && e.getCause() instanceof KilnException ? e.getCause() : e;
        if (cause instanceof KilnException kiln) {
            return new AnalysisException(kiln.kind(), where + ": " + message, e);
        }
        return new IOException(where + ": " + message, e);
    }
}
