package dev.kiln.squash;

import dev.kiln.tar.EntryPaths;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerFormatException;
import dev.kiln.tar.Whiteout;
import dev.kiln.tar.Whiteouts;

/**
 * Turns a tar entry into the path it acts on, with {@code ..} resolved, so that {@code a/../b} and
 * {@code b} meet in the same node. Both passes use it, so they agree on every decision.
 */
final class EntryResolver {

    private EntryResolver() {
    }

    /** The path an ordinary entry writes. */
    static String path(LayerEntry entry, String layer) throws LayerFormatException {
        return resolve(entry.path(), entry, layer);
    }

    /** The first pass's view of an entry, or null for whiteout meta files other than the opaque marker. */
    static ScannedEntry scan(int ordinal, LayerEntry entry, String layer) throws LayerFormatException {
        Whiteout whiteout = entry.whiteout();
        if (whiteout == Whiteout.OPAQUE) {
            return new ScannedEntry(ordinal, resolve(entry.whiteoutTarget(), entry, layer),
                    ScannedEntry.Kind.OPAQUE, null, null);
        }
        if (whiteout == Whiteout.FILE) {
            if (Whiteouts.baseName(entry.path()).startsWith(Whiteouts.META_PREFIX)) {
                return null; // aufs bookkeeping (.wh..wh.plnk, ...): means nothing in an OCI layer
            }
            String target = resolve(entry.whiteoutTarget(), entry, layer);
            if (target.isEmpty()) {
                throw new LayerFormatException(layer + ": whiteout '" + entry.path() + "' deletes the root");
            }
            return new ScannedEntry(ordinal, target, ScannedEntry.Kind.WHITEOUT, null, null);
        }
        String path = path(entry, layer);
        return switch (entry.type()) {
            case DIRECTORY -> new ScannedEntry(ordinal, path, ScannedEntry.Kind.DIRECTORY, null,
                    withPath(entry, path));
            case HARDLINK -> new ScannedEntry(ordinal, path, ScannedEntry.Kind.HARDLINK,
                    linkTarget(entry, layer), null);
            default -> new ScannedEntry(ordinal, path, ScannedEntry.Kind.NON_DIRECTORY, null, null);
        };
    }

    /** A hardlink's target, resolved like a path. */
    static String linkTarget(LayerEntry entry, String layer) throws LayerFormatException {
        String target = EntryPaths.resolveDots(EntryPaths.normalise(entry.linkTarget()));
        if (target == null || target.isEmpty()) {
            throw new LayerFormatException(layer + ": hardlink '" + entry.path() + "' points outside the root ('"
                    + entry.linkTarget() + "')");
        }
        return target;
    }

    /** The entry with another path (and, for hardlinks, another target). */
    static LayerEntry withPath(LayerEntry e, String path) {
        if (path.equals(e.path())) {
            return e;
        }
        return new LayerEntry(path, e.type(), e.mode(), e.uid(), e.gid(), e.uname(), e.gname(), e.size(),
                e.mtime(), e.linkTarget(), e.devMajor(), e.devMinor(), e.xattrs(), e.sparse());
    }

    /** A hardlink with the metadata of {@code e}, named {@code path}, pointing at {@code target}. */
    static LayerEntry hardlink(LayerEntry e, String path, String target) {
        return new LayerEntry(path, EntryType.HARDLINK, e.mode(), e.uid(), e.gid(), e.uname(), e.gname(), 0,
                e.mtime(), target, 0, 0, e.xattrs(), null);
    }

    private static String resolve(String raw, LayerEntry entry, String layer) throws LayerFormatException {
        String resolved = EntryPaths.resolveDots(raw);
        if (resolved == null) {
            throw new LayerFormatException(layer + ": entry '" + entry.path() + "' points outside the root");
        }
        return resolved;
    }
}
