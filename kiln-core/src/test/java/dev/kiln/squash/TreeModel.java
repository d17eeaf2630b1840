package dev.kiln.squash;

import dev.kiln.oci.Digest;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerReader;
import dev.kiln.tar.Whiteout;
import dev.kiln.tar.Whiteouts;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reference for what a stack of layers means, written as plainly as possible: whiteouts and opaque
 * markers of a layer first delete from what the layers below left, then the layer's entries are applied
 * in order (a non-directory replaces a whole subtree, a directory over a directory only changes its
 * metadata, a hardlink shares the inode of its target). Tests compare the squashed stack against it.
 */
final class TreeModel {

    /** An inode: what a path shows; hardlinked paths share one. */
    static final class Inode {
        final LayerEntry meta;
        final byte[] content;

        Inode(LayerEntry meta, byte[] content) {
            this.meta = meta;
            this.content = content;
        }
    }

    /** A layer entry with its content, as a generator or reader hands it over. */
    record Item(LayerEntry entry, byte[] content) {
        Item {
            content = content == null ? new byte[0] : content;
        }
    }

    final TreeMap<String, Inode> nodes = new TreeMap<>();

    TreeModel copy() {
        TreeModel m = new TreeModel();
        m.nodes.putAll(nodes);
        return m;
    }

    void applyLayer(List<Item> layer) {
        applyDeletions(layer);
        for (Item item : layer) {
            if (!item.entry().isWhiteout()) {
                applyEntry(item.entry(), item.content());
            }
        }
    }

    void applyBlob(byte[] blob) throws Exception {
        applyLayer(read(blob));
    }

    static List<Item> read(byte[] blob) throws Exception {
        List<Item> items = new ArrayList<>();
        try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(blob))) {
            LayerEntry e;
            while ((e = reader.next()) != null) {
                items.add(new Item(e, e.type() == EntryType.FILE ? reader.content().readAllBytes() : null));
            }
        }
        return items;
    }

    void applyDeletions(List<Item> layer) {
        for (Item item : layer) {
            LayerEntry e = item.entry();
            if (e.whiteout() == Whiteout.FILE && !Whiteouts.baseName(e.path()).startsWith(Whiteouts.META_PREFIX)) {
                removeTree(e.whiteoutTarget());
            } else if (e.whiteout() == Whiteout.OPAQUE) {
                removeBelow(e.whiteoutTarget());
            }
        }
    }

    void applyEntry(LayerEntry e, byte[] content) {
        String path = e.path();
        ensureParents(path);
        Inode existing = nodes.get(path);
        switch (e.type()) {
            case DIRECTORY -> {
                if (existing == null || existing.meta.type() != EntryType.DIRECTORY) {
                    removeTree(path);
                }
                nodes.put(path, new Inode(e, null));
            }
            case HARDLINK -> {
                Inode target = nodes.get(e.linkTarget());
                if (target == null || target.meta.type() == EntryType.DIRECTORY) {
                    throw new AssertionError("hardlink " + path + " -> " + e.linkTarget() + ": no such file");
                }
                if (!e.linkTarget().equals(path)) {
                    removeTree(path);
                    nodes.put(path, target);
                }
            }
            default -> {
                removeTree(path);
                nodes.put(path, new Inode(e, content));
            }
        }
    }

    private void ensureParents(String path) {
        String parent = Whiteouts.parent(path);
        if (parent.isEmpty()) {
            return;
        }
        Inode p = nodes.get(parent);
        if (p == null || p.meta.type() != EntryType.DIRECTORY) {
            ensureParents(parent);
            removeTree(parent);
            nodes.put(parent, new Inode(LayerEntry.directory(parent), null));
        }
    }

    void removeTree(String path) {
        nodes.remove(path);
        removeBelow(path);
    }

    void removeBelow(String dir) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        nodes.subMap(prefix, true, prefix + Character.MAX_VALUE, true).clear();
        if (dir.isEmpty()) {
            nodes.clear();
        }
    }

    /** One line per path: type, mode, owner, xattrs, content hash or link, and hardlink group. */
    Map<String, String> describe() {
        Map<String, String> out = new TreeMap<>();
        Map<Inode, String> firstName = new IdentityHashMap<>();
        for (Map.Entry<String, Inode> n : nodes.entrySet()) {
            firstName.putIfAbsent(n.getValue(), n.getKey());
        }
        for (Map.Entry<String, Inode> n : nodes.entrySet()) {
            LayerEntry m = n.getValue().meta;
            StringBuilder b = new StringBuilder();
            b.append(m.type().lsChar()).append(Integer.toOctalString(m.mode())).append(' ')
                    .append(m.uid()).append(':').append(m.gid());
            m.xattrs().forEach((k, v) -> b.append(' ').append(k).append('=').append(new String(v)));
            if (m.type() == EntryType.FILE) {
                b.append(" size=").append(n.getValue().content.length).append(' ')
                        .append(Digest.sha256(n.getValue().content).encoded(), 0, 12);
            }
            if (m.type() == EntryType.SYMLINK) {
                b.append(" -> ").append(m.linkTarget());
            }
            String first = firstName.get(n.getValue());
            if (!first.equals(n.getKey())) {
                b.append(" linked-to ").append(first);
            }
            out.put(n.getKey(), b.toString());
        }
        return out;
    }
}
