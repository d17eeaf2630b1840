package dev.kiln.squash;

import dev.kiln.KilnException;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerReader;
import dev.kiln.tar.LayerWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The second pass: streams the range bottom-up into one layer, writing the surviving entries in the
 * order read (so each file's content is copied straight from its reader to the writer) after the
 * whiteouts that are still needed. A surviving directory is written where its path first appears with
 * the metadata of the last layer that set it, so parents come before their children; the next layer's
 * decompression starts while the current one is copied.
 */
final class MergedLayerWriter {

    private final MergePlan plan;
    private final List<LayerInput> range;
    private final Spool spool;
    private long read;
    private long written;
    private long filesDropped;
    private long bytesDropped;
    private long whiteouts;
    private long rewritten;

    MergedLayerWriter(MergePlan plan, List<LayerInput> range, Spool spool) {
        this.plan = plan;
        this.range = range;
        this.spool = spool;
    }

    /** Writes the merged layer and returns the digests of each range layer as read again. */
    List<LayerDigests> write(LayerWriter writer, LayerProgress progress) throws IOException, KilnException {
        for (LayerEntry cut : plan.cuts()) {
            writer.add(cut);
            written++;
        }
        LayerDigests[] digests = new LayerDigests[range.size()];
        LayerReader next = open(0);
        try {
            for (int layer = 0; layer < range.size(); layer++) {
                LayerReader current = next;
                next = null;
                try (current) {
                    next = layer + 1 < range.size() ? open(layer + 1) : null;
                    progress.started(layer);
                    copy(layer, current, writer);
                    digests[layer] = current.digests();
                    Checks.digests(range.get(layer), digests[layer]);
                    progress.done(layer, digests[layer]);
                }
            }
            for (LayerEntry dir : plan.implicit()) {
                writer.add(dir);
                written++;
            }
        } finally {
            if (next != null) {
                next.close();
            }
        }
        return List.of(digests);
    }

    MergeStats stats() {
        return new MergeStats(read, written, filesDropped, bytesDropped, whiteouts,
                plan.cuts().size(), rewritten, plan.lowerFetch().size());
    }

    /**
     * Writes the final metadata of the entry's ancestors that survive but have not been written: a
     * layer that only changed a directory's mode comes after the files below it.
     */
    private void writeParents(String path, LayerWriter writer) throws IOException {
        if (path.isEmpty()) {
            return;
        }
        PathTree.Node node = plan.tree().root();
        int start = 0;
        while (node != null) {
            if (node.keptIsDirectory() && !node.written) {
                writer.add(node.keptDirectory);
                node.written = true;
                written++;
            }
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                return;
            }
            node = node.child(path.substring(start, slash));
            start = slash + 1;
        }
    }

    private LayerReader open(int layer) throws IOException, KilnException {
        InputStream in = range.get(layer).open();
        try {
            return LayerReader.open(in);
        } catch (IOException | KilnException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private void copy(int layer, LayerReader reader, LayerWriter writer) throws IOException, KilnException {
        String name = range.get(layer).name();
        PathTree tree = plan.tree();
        int ordinal = -1;
        LayerEntry e;
        while ((e = reader.next()) != null) {
            ordinal++;
            read++;
            if (e.isWhiteout()) {
                whiteouts++;
                continue;
            }
            String path = EntryResolver.path(e, name);
            long key = Hardlinks.key(layer, ordinal);
            PathTree.Node n = tree.find(path);
            if (e.type() == EntryType.DIRECTORY) {
                // The directory's final metadata goes where the path first appears, before its children.
                if (n != null && n.keptIsDirectory() && !n.written && !tree.hiddenAbove(path, layer)) {
                    writeParents(path, writer);
                    writer.add(n.keptDirectory);
                    n.written = true;
                    written++;
                }
                continue;
            }
            Long spoolTo = plan.spoolAt().get(key);
            if (spoolTo != null) {
                spool.hold(spoolTo, e, e.type() == EntryType.FILE ? reader.content() : null);
                continue;
            }
            boolean survives = n != null && n.keptLayer == layer && n.keptOrdinal == ordinal;
            if (!survives) {
                if (e.type() == EntryType.FILE) {
                    filesDropped++;
                    bytesDropped += e.storedSize();
                }
                continue;
            }
            writeParents(path, writer);
            Long becomes = plan.materialize().get(key);
            if (becomes != null) {
                Spool.Held held = spool.take(key);
                try (InputStream content = spool.open(held)) {
                    writer.add(EntryResolver.withPath(held.entry(), path), content);
                } finally {
                    spool.release(held);
                }
                rewritten++;
            } else {
                String target = plan.linkTargets().get(key);
                if (target != null && !target.equals(e.linkTarget())) {
                    writer.add(EntryResolver.hardlink(e, path, target));
                    rewritten++;
                } else {
                    writer.add(EntryResolver.withPath(e, path), e.type() == EntryType.FILE ? reader.content() : null);
                }
            }
            written++;
        }
    }
}
