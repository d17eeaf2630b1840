package dev.kiln.squash;

import dev.kiln.KilnException;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Fetches files of the kept lower layers that surviving hardlinks of the range share, when the range
 * replaced or deleted the original name: the link must then carry the content itself. The file is the
 * topmost lower entry at the path (following lower hardlinks down). Rare (layer diffs made on overlayfs
 * copy a file up before linking it), so this reads lower layers only when needed, one file at a time.
 */
final class LowerFiles {

    private LowerFiles() {
    }

    static void fetch(List<LayerInput> lower, Map<String, Long> wanted, Spool spool) throws IOException, KilnException {
        for (Map.Entry<String, Long> w : wanted.entrySet()) {
            fetchOne(lower, w.getKey(), w.getValue(), spool);
        }
    }

    /** Follows {@code path} down from the top lower layer until a file holds it, and spools that file. */
    private static void fetchOne(List<LayerInput> lower, String start, long key, Spool spool)
            throws IOException, KilnException {
        String path = start;
        int before = Integer.MAX_VALUE;
        for (int layer = lower.size() - 1; layer >= 0; ) {
            LayerInput input = lower.get(layer);
            Found found = lastBefore(input, path, before, key, spool);
            if (found == null) {
                layer--;
                before = Integer.MAX_VALUE;
            } else if (found.linkTarget() == null) {
                return;
            } else {
                path = found.linkTarget(); // a lower hardlink: its file is earlier in that layer or below
                before = found.ordinal();
            }
        }
        throw SquashException.badInput("hardlinks of the squashed layers share '" + start
                + "', which no lower layer holds");
    }

    private record Found(int ordinal, String linkTarget) {
    }

    /**
     * The last entry at {@code path} before {@code before} in one layer: a file is spooled (the last
     * one wins), a hardlink is returned to be followed; null when the layer has none.
     */
    private static Found lastBefore(LayerInput input, String path, int before, long key, Spool spool)
            throws IOException, KilnException {
        Found found = null;
        InputStream in = input.open();
        try (LayerReader reader = LayerReader.open(in)) {
            LayerEntry e;
            int ordinal = -1;
            while ((e = reader.next()) != null) {
                ordinal++;
                if (ordinal >= before || e.isWhiteout() || !EntryResolver.path(e, input.name()).equals(path)) {
                    continue;
                }
                if (e.type() == EntryType.DIRECTORY) {
                    throw SquashException.badInput(input.name() + ": a hardlink of the squashed layers points at the "
                            + "directory '" + path + "'");
                }
                if (e.type() == EntryType.HARDLINK) {
                    found = new Found(ordinal, EntryResolver.linkTarget(e, input.name()));
                } else {
                    spool.hold(key, e, e.type() == EntryType.FILE ? reader.content() : null);
                    found = new Found(ordinal, null);
                }
            }
            Checks.digests(input, reader.digests());
        } finally {
            in.close();
        }
        return found;
    }
}
