package dev.kiln.squash;

import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.Whiteouts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes random but valid layer stacks over a small namespace, so paths collide often: files written,
 * overwritten, chmod-ed, deleted; directories removed and made again; opaque markers; symlinks;
 * hardlinks (within a layer and to lower layers). Each layer is made against a {@link TreeModel} of the
 * layers below so that links point at files that exist.
 */
final class RandomLayers {

    private static final String[] NAMES = {"a", "b", "c", "d"};

    private final Random rnd;
    private final TreeModel state = new TreeModel();

    RandomLayers(long seed) {
        this.rnd = new Random(seed);
    }

    List<List<TreeModel.Item>> generate(int layers) {
        List<List<TreeModel.Item>> out = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            List<TreeModel.Item> layer = layer();
            state.applyLayer(layer);
            out.add(layer);
        }
        return out;
    }

    private List<TreeModel.Item> layer() {
        List<TreeModel.Item> deletions = new ArrayList<>();
        TreeModel work = state.copy();
        int deletes = rnd.nextInt(3);
        for (int i = 0; i < deletes; i++) {
            List<String> existing = new ArrayList<>(work.nodes.keySet());
            if (existing.isEmpty() || rnd.nextInt(8) == 0) {
                deletions.add(new TreeModel.Item(LayerEntry.whiteout(randomPath()), null)); // may delete nothing
                work.applyDeletions(List.of(deletions.get(deletions.size() - 1)));
                continue;
            }
            String victim = existing.get(rnd.nextInt(existing.size()));
            boolean dir = work.nodes.get(victim).meta.type() == EntryType.DIRECTORY;
            LayerEntry e = dir && rnd.nextBoolean() ? LayerEntry.opaqueWhiteout(victim) : LayerEntry.whiteout(victim);
            deletions.add(new TreeModel.Item(e, null));
            work.applyDeletions(List.of(deletions.get(deletions.size() - 1)));
        }
        List<TreeModel.Item> entries = new ArrayList<>();
        int writes = 1 + rnd.nextInt(7);
        for (int i = 0; i < writes; i++) {
            write(work, entries);
        }
        // Whiteouts may sit anywhere in the tar: they only ever act on lower layers.
        for (TreeModel.Item d : deletions) {
            entries.add(rnd.nextInt(entries.size() + 1), d);
        }
        return entries;
    }

    private void write(TreeModel work, List<TreeModel.Item> entries) {
        String path = randomPath();
        int op = rnd.nextInt(10);
        LayerEntry e;
        byte[] content = null;
        if (op < 4) {
            content = ("content of " + path + " #" + rnd.nextInt(5)).repeat(rnd.nextInt(4)).getBytes(StandardCharsets.UTF_8);
            LayerEntry.Builder b = LayerEntry.builder(path, EntryType.FILE).size(content.length)
                    .mode(rnd.nextBoolean() ? 0644 : 0755).owner(rnd.nextInt(3), rnd.nextInt(3));
            if (rnd.nextInt(5) == 0) {
                b.xattr("user.tag", ("v" + rnd.nextInt(3)).getBytes(StandardCharsets.UTF_8));
            }
            e = b.build();
        } else if (op < 6) {
            e = LayerEntry.builder(path, EntryType.DIRECTORY).mode(rnd.nextBoolean() ? 0755 : 0700)
                    .owner(rnd.nextInt(2), 0).build();
        } else if (op < 7) {
            e = LayerEntry.symlink(path, NAMES[rnd.nextInt(NAMES.length)]);
        } else if (op < 8) {
            // chmod only: the same file again with another mode
            List<String> files = filesIn(work);
            if (files.isEmpty()) {
                return;
            }
            path = files.get(rnd.nextInt(files.size()));
            TreeModel.Inode inode = work.nodes.get(path);
            content = inode.content;
            e = LayerEntry.builder(path, EntryType.FILE).size(content.length).mode(inode.meta.mode() ^ 0111)
                    .owner(inode.meta.uid(), inode.meta.gid()).xattrs(inode.meta.xattrs()).build();
        } else {
            // Links usually go to a file of the same layer, as diffs made on overlayfs have them.
            List<String> files = rnd.nextInt(4) > 0 ? sameLayerFiles(entries, work) : filesIn(work);
            if (files.isEmpty()) {
                return;
            }
            String target = files.get(rnd.nextInt(files.size()));
            if (target.equals(path) || path.startsWith(target + "/") || target.startsWith(path + "/")) {
                return;
            }
            e = LayerEntry.hardlink(path, target);
        }
        if (!parentsUsable(work, path) || !treeShaped(entries, e)) {
            return;
        }
        addParents(work, path, entries);
        entries.add(new TreeModel.Item(e, content));
        work.applyEntry(e, content == null ? new byte[0] : content);
    }

    /**
     * A layer is a diff of two trees: nothing below a non-directory of the same layer, and a path
     * written twice keeps its kind (a tar appended to, which the last entry wins).
     */
    private static boolean treeShaped(List<TreeModel.Item> entries, LayerEntry e) {
        boolean dir = e.type() == EntryType.DIRECTORY;
        for (TreeModel.Item item : entries) {
            LayerEntry o = item.entry();
            if (o.isWhiteout()) {
                continue;
            }
            boolean oDir = o.type() == EntryType.DIRECTORY;
            if (o.path().equals(e.path()) && oDir != dir) {
                return false;
            }
            if (!oDir && e.path().startsWith(o.path() + "/")) {
                return false;
            }
            if (!dir && o.path().startsWith(e.path() + "/")) {
                return false;
            }
        }
        return true;
    }

    private static List<String> sameLayerFiles(List<TreeModel.Item> entries, TreeModel work) {
        List<String> files = new ArrayList<>();
        for (TreeModel.Item item : entries) {
            TreeModel.Inode n = work.nodes.get(item.entry().path());
            if (n != null && n.meta.type() == EntryType.FILE && !files.contains(item.entry().path())) {
                files.add(item.entry().path());
            }
        }
        return files;
    }

    private static List<String> filesIn(TreeModel work) {
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, TreeModel.Inode> n : work.nodes.entrySet()) {
            if (n.getValue().meta.type() == EntryType.FILE) {
                files.add(n.getKey());
            }
        }
        return files;
    }

    /** A path below a non-directory would need that file replaced first; the generator skips those. */
    private static boolean parentsUsable(TreeModel work, String path) {
        for (String p = Whiteouts.parent(path); !p.isEmpty(); p = Whiteouts.parent(p)) {
            TreeModel.Inode n = work.nodes.get(p);
            if (n != null && n.meta.type() != EntryType.DIRECTORY) {
                return false;
            }
        }
        return true;
    }

    /** Real layers carry their parent directories; most of the time so do these. */
    private void addParents(TreeModel work, String path, List<TreeModel.Item> entries) {
        String parent = Whiteouts.parent(path);
        if (parent.isEmpty() || (work.nodes.containsKey(parent) && rnd.nextInt(3) > 0)) {
            return;
        }
        addParents(work, parent, entries);
        if (work.nodes.containsKey(parent) ? rnd.nextBoolean() : rnd.nextInt(4) > 0) {
            LayerEntry dir = LayerEntry.builder(parent, EntryType.DIRECTORY).mode(0755).build();
            entries.add(new TreeModel.Item(dir, null));
            work.applyEntry(dir, null);
        }
    }

    private String randomPath() {
        int depth = 1 + rnd.nextInt(3);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                b.append('/');
            }
            b.append(NAMES[rnd.nextInt(NAMES.length)]);
        }
        return b.toString();
    }
}
