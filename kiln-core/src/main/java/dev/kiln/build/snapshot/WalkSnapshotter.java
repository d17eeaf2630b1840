package dev.kiln.build.snapshot;

import dev.kiln.KilnException;
import dev.kiln.build.run.Rootfs;
import dev.kiln.tar.Compression;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.ExtractOptions;
import dev.kiln.tar.FileTrees;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerWriteOptions;
import dev.kiln.tar.LayerWriter;
import dev.kiln.tar.OverlayStack;
import dev.kiln.tar.SafeExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Snapshots without overlayfs: the lowers are copied into a working root, indexed, and after the
 * step a second walk is compared with the index. Added and modified entries are emitted with their
 * parents; a deleted path becomes one whiteout (none for what lies under it); a directory removed
 * and made anew (a new inode) becomes an opaque directory; a path whose type changed is emitted as
 * its new self. Costs a copy and two walks of the whole root, which is why overlay comes first.
 */
public final class WalkSnapshotter implements Snapshotter {

    @Override
    public String name() {
        return "walk";
    }

    @Override
    public Snapshot prepare(List<Path> lowerDirsTopFirst, Path workspace) throws SnapshotException {
        Path root = workspace.resolve("rootfs");
        try {
            LayerMerge.materialize(lowerDirsTopFirst, root);
            return new WalkSnapshot(root, workspace, TreeIndex.of(root), lowerDirsTopFirst);
        } catch (IOException e) {
            throw new SnapshotException("cannot prepare a working root in " + workspace + ": " + e.getMessage(), e);
        }
    }

    private static final class WalkSnapshot implements Snapshot {
        private final Path root;
        private final Path workspace;
        private final TreeIndex before;
        private final List<Path> lowers;
        private List<Change> changes;

        WalkSnapshot(Path root, Path workspace, TreeIndex before, List<Path> lowersTopFirst) {
            this.root = root;
            this.workspace = workspace;
            this.before = before;
            this.lowers = List.copyOf(lowersTopFirst);
        }

        @Override
        public Rootfs rootfs() {
            return new Rootfs.Directory(root);
        }

        @Override
        public List<Change> changes() throws SnapshotException {
            if (changes == null) {
                try {
                    changes = compare(TreeIndex.of(root));
                } catch (IOException e) {
                    throw new SnapshotException("cannot compare " + root + " with its index: " + e.getMessage(), e);
                }
            }
            return changes;
        }

        private List<Change> compare(TreeIndex after) throws IOException {
            Map<String, TreeIndex.Meta> old = before.entries();
            Map<String, TreeIndex.Meta> now = after.entries();
            Set<String> recreated = new HashSet<>();
            Set<String> emitted = new HashSet<>();
            List<LayerOrder.Found> found = new ArrayList<>();
            List<String> paths = new ArrayList<>(now.keySet());
            paths.sort(LayerOrder.PATHS);
            for (String path : paths) {
                TreeIndex.Meta meta = now.get(path);
                TreeIndex.Meta was = underRecreated(path, recreated) ? null : old.get(path);
                boolean dirToDir = was != null && was.stat().type() == EntryType.DIRECTORY
                        && meta.stat().type() == EntryType.DIRECTORY;
                boolean remade = dirToDir && meta.recreatedFrom(was);
                if (was != null && !was.differs(meta) && !remade) {
                    continue;
                }
                if (meta.stat().socket()) {
                    continue;
                }
                Path host = root.resolve(path);
                LayerEntry entry = HostEntries.entry(path, host, meta.stat(), after.xattrs().of(host));
                found.add(new LayerOrder.Found(new Change(entry, entry.type() == EntryType.FILE ? host : null),
                        meta.stat().inode(), meta.stat().nlink()));
                emitted.add(path);
                if (remade) {
                    recreated.add(path);
                    if (hadChildren(old, path)) {
                        found.add(new LayerOrder.Found(Change.of(LayerEntry.opaqueWhiteout(path)), 0, 1));
                    }
                }
            }
            for (String path : old.keySet()) {
                if (now.containsKey(path) && !underRecreated(path, recreated)) {
                    continue;
                }
                String parent = parent(path);
                boolean parentSame = parent.isEmpty() || (now.containsKey(parent)
                        && now.get(parent).stat().type() == EntryType.DIRECTORY
                        && old.get(parent).stat().type() == EntryType.DIRECTORY
                        && !underRecreated(parent, recreated) && !recreated.contains(parent));
                if (!now.containsKey(path) && parentSame) {
                    found.add(new LayerOrder.Found(Change.of(LayerEntry.whiteout(path)), 0, 1));
                    emitted.add(path);
                }
            }
            addParents(found, emitted, now, after);
            return LayerOrder.finish(found);
        }

        private void addParents(List<LayerOrder.Found> found, Set<String> emitted, Map<String, TreeIndex.Meta> now,
                TreeIndex after) throws IOException {
            Set<String> missing = new HashSet<>();
            for (String path : emitted) {
                for (String p = parent(path); !p.isEmpty() && !emitted.contains(p); p = parent(p)) {
                    missing.add(p);
                }
            }
            for (String path : missing) {
                Path host = root.resolve(path);
                TreeIndex.Meta meta = now.get(path);
                found.add(new LayerOrder.Found(Change.of(HostEntries.entry(path, host, meta.stat(), after.xattrs().of(host))),
                        meta.stat().inode(), 1));
            }
        }

        private static boolean underRecreated(String path, Set<String> recreated) {
            for (String p = parent(path); !p.isEmpty(); p = parent(p)) {
                if (recreated.contains(p)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean hadChildren(Map<String, TreeIndex.Meta> old, String dir) {
            String prefix = dir + "/";
            for (String path : old.keySet()) {
                if (path.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }

        private static String parent(String path) {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? "" : path.substring(0, slash);
        }

        @Override
        public void storeUnpacked(Path target) throws SnapshotException {
            Path tar = workspace.resolve("layer.tar");
            try {
                try (OutputStream out = Files.newOutputStream(tar);
                     LayerWriter writer = LayerWriter.open(out, Compression.NONE, LayerWriteOptions.DEFAULT)) {
                    ChangeWriter.write(changes(), writer);
                }
                try (InputStream in = Files.newInputStream(tar)) {
                    // over the lowers it was made on: its whiteouts become devices only where they hide something
                    SafeExtractor.extractAtomically(in, target, ExtractOptions.asRoot(ExtractOptions.WhiteoutMode.OVERLAY),
                            OverlayStack.of(lowers), result -> target);
                }
            } catch (IOException | KilnException e) {
                throw new SnapshotException("cannot unpack the new layer into " + target + ": " + e.getMessage(), e);
            } finally {
                try {
                    Files.deleteIfExists(tar);
                } catch (IOException ignored) {
                    // the workspace goes on close
                }
            }
        }

        @Override
        public void close() {
            try {
                FileTrees.deleteRecursively(workspace);
            } catch (IOException e) {
                // a leftover workspace is garbage, not a fault
            }
        }
    }
}
