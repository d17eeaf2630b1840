package dev.kiln.squash;

import dev.kiln.Futures;
import dev.kiln.KilnException;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerFormatException;
import dev.kiln.tar.LayerReader;
import dev.kiln.tar.LayerWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Merges a range of layers into one layer that, applied over the kept lower layers, gives exactly the
 * tree the range gave. Two streaming passes, so memory follows the number of paths, never their bytes:
 *
 * <ol>
 *   <li>Scan: every layer's headers (range and lower layers, several at once), content skipped. The
 *       range is taken top-down by {@link SurvivorPlanner}, which keeps one small node per path; the
 *       lower layers only leave 64-bit path hashes ({@link LowerPaths}) to tell which whiteouts are
 *       still needed.</li>
 *   <li>Write: the range again, bottom-up, each surviving entry copied to one {@link LayerWriter}
 *       (parallel gzip), content streaming from reader to writer.</li>
 * </ol>
 */
public final class LayerMerger {

    private LayerMerger() {
    }

    /**
     * Merges {@code range} (bottom first) over {@code lower} (bottom first) into {@code out}, which the
     * caller keeps open. Every layer read is checked against its digest and diff_id when given.
     */
    public static MergeResult merge(List<LayerInput> lower, List<LayerInput> range, OutputStream out,
            MergeOptions options) throws IOException, KilnException {
        if (range.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge: the range is empty");
        }
        List<String> names = range.stream().map(LayerInput::name).toList();
        SurvivorPlanner planner = new SurvivorPlanner(names);
        LowerTree lowerTree = new LowerTree();
        List<LayerDigests> rangeDigests = new ArrayList<>(java.util.Collections.nCopies(range.size(), null));
        List<LayerDigests> lowerDigests = new ArrayList<>(java.util.Collections.nCopies(lower.size(), null));
        scan(lower, range, options, planner, lowerTree, rangeDigests, lowerDigests);
        MergePlan plan = planner.finish(lower.isEmpty() ? LowerPaths.NONE : lowerTree.paths());

        LayerProgress progress = new LayerProgress(options.events(), "squash", range);
        try (Spool spool = new Spool(options.spoolDirectory());
                LayerWriter writer = LayerWriter.open(out, options.compression(), options.writeOptions())) {
            if (!plan.lowerFetch().isEmpty()) {
                LowerFiles.fetch(lower, plan.lowerFetch(), spool);
            }
            MergedLayerWriter merged = new MergedLayerWriter(plan, range, spool);
            merged.write(writer, progress);
            LayerDigests digests = writer.finish();
            return new MergeResult(digests, rangeDigests, lowerDigests, merged.stats());
        }
    }

    /** The first pass: range layers top-down into the planner, lower layers into the path set. */
    private static void scan(List<LayerInput> lower, List<LayerInput> range, MergeOptions options,
            SurvivorPlanner planner, LowerTree lowerTree, List<LayerDigests> rangeDigests,
            List<LayerDigests> lowerDigests) throws IOException, KilnException {
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int layer = range.size() - 1; layer >= 0; layer--) {
            int l = layer;
            tasks.add(() -> scanRange(l, range.get(l)));
        }
        for (int layer = lower.size() - 1; layer >= 0; layer--) {
            int l = layer;
            tasks.add(() -> new LowerScan(scanRange(l, lower.get(l))));
        }
        LayerProgress rangeProgress = new LayerProgress(options.events(), "scan", range);
        ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), daemonThreads());
        try {
            // A window of tasks in flight keeps both cores busy without holding every layer's scan.
            Deque<Future<Object>> window = new ArrayDeque<>();
            int submitted = 0;
            for (int done = 0; done < tasks.size(); done++) {
                while (submitted < tasks.size() && window.size() < options.parallelism() + 1) {
                    window.add(pool.submit(tasks.get(submitted++)));
                }
                Object result = Futures.await(window.removeFirst(), "scanning layers");
                if (result instanceof LayerScan s) {
                    rangeProgress.done(s.layer(), s.digests());
                    rangeDigests.set(s.layer(), s.digests());
                    planner.accept(s);
                } else {
                    LayerScan s = ((LowerScan) result).scan();
                    lowerTree.accept(s.layer(), s);
                    lowerDigests.set(s.layer(), s.digests());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A scan of a kept lower layer (the range's scans go to the planner). */
    private record LowerScan(LayerScan scan) {
    }

    /**
     * Scans one layer; a problem with its bytes names the layer. A blob damaged in storage mostly trips
     * the gzip CRC or the tar reader before its digest is checked at the end, so then the blob is read
     * once more to the end: a digest mismatch, naming the blob, is the better error.
     */
    private static LayerScan scanRange(int layer, LayerInput input) throws IOException, KilnException {
        try {
            return scanLayer(layer, input);
        } catch (IOException | KilnException e) {
            LayerFormatException format = LayerFormatException.of(e);
            if (format == null) {
                throw e;
            }
            try (InputStream again = input.open()) {
                again.transferTo(OutputStream.nullOutputStream());
            } catch (IOException reread) {
                if (reread.getCause() instanceof KilnException) {
                    throw reread;
                }
            }
            throw format.getMessage().startsWith(input.name()) ? format
                    : format.in(input.name() + (input.digest() != null ? ": blob " + input.digest() : ""));
        }
    }

    private static LayerScan scanLayer(int layer, LayerInput input) throws IOException, KilnException {
        try (LayerReader reader = open(input)) {
            List<ScannedEntry> entries = new ArrayList<>();
            int ordinal = -1;
            LayerEntry e;
            while ((e = reader.next()) != null) {
                ordinal++;
                ScannedEntry s = EntryResolver.scan(ordinal, e, input.name());
                if (s != null) {
                    entries.add(s);
                }
            }
            Checks.digests(input, reader.digests());
            return new LayerScan(layer, entries, reader.digests());
        }
    }

    private static LayerReader open(LayerInput input) throws IOException, KilnException {
        InputStream in = input.open();
        try {
            return LayerReader.open(in);
        } catch (IOException | KilnException | RuntimeException e) {
            in.close();
            throw e;
        }
    }


    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "kiln-squash-scan-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
