package dev.kiln.build.snapshot;

import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical order and hardlink form of a change set, shared by both snapshotters so that the same
 * change gives byte-identical layers: entries sorted segment by segment (a directory before its
 * children, {@code a/b} before {@code a.b}), and regular files sharing an inode written once, later
 * names as hardlinks to the first.
 */
final class LayerOrder {

    static final Comparator<String> PATHS = (a, b) -> {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    };

    private LayerOrder() {
    }

    /** A change with the inode its file had, so hardlinks can be found after sorting. */
    record Found(Change change, long inode, long nlink) {
    }

    static List<Change> finish(List<Found> found) {
        List<Found> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing(f -> f.change().entry().path(), PATHS));
        Map<Long, String> firstByInode = new HashMap<>();
        List<Change> result = new ArrayList<>(sorted.size());
        for (Found f : sorted) {
            LayerEntry entry = f.change().entry();
            if (entry.type() == EntryType.FILE && f.nlink() > 1 && !entry.isWhiteout()) {
                String first = firstByInode.putIfAbsent(f.inode(), entry.path());
                if (first != null) {
                    LayerEntry link = LayerEntry.builder(entry.path(), EntryType.HARDLINK).mode(entry.mode())
                            .owner(entry.uid(), entry.gid()).mtime(entry.mtime()).linkTarget(first)
                            .xattrs(entry.xattrs()).build();
                    result.add(Change.of(link));
                    continue;
                }
            }
            result.add(f.change());
        }
        return result;
    }
}
