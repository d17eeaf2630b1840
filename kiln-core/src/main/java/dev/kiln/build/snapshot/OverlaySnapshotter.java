package dev.kiln.build.snapshot;

import dev.kiln.build.run.Rootfs;
import dev.kiln.build.run.RootfsView;
import dev.kiln.tar.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Snapshots through overlayfs: the step's root is an overlay of the cached lower layer directories
 * and a fresh upper directory, which the sandbox mounts inside its own mount namespace (options in
 * {@code Rootfs.Overlay}: {@code userxattr,index=off,metacopy=off,redirect_dir=nofollow}, so the
 * upper dir holds whole files, plain whiteouts and opaque marks, never redirects or metacopy stubs).
 * Afterwards the upper dir alone is read ({@link UpperDirDiff}), so a step's cost follows its change,
 * not the image's size, and the upper dir itself becomes the new layer's cached lower dir.
 */
public final class OverlaySnapshotter implements Snapshotter {

    @Override
    public String name() {
        return "overlay";
    }

    @Override
    public Snapshot prepare(List<Path> lowerDirsTopFirst, Path workspace) throws SnapshotException {
        try {
            Files.createDirectories(workspace);
            Path upper = Files.createDirectory(workspace.resolve("upper"));
            Path work = Files.createDirectory(workspace.resolve("work"));
            Path merged = Files.createDirectory(workspace.resolve("merged"));
            return new OverlaySnapshot(new Rootfs.Overlay(lowerDirsTopFirst, upper, work, merged), workspace);
        } catch (IOException e) {
            throw new SnapshotException("cannot prepare an overlay in " + workspace + ": " + e.getMessage(), e);
        }
    }

    private static final class OverlaySnapshot implements Snapshot {
        private final Rootfs.Overlay rootfs;
        private final Path workspace;
        private boolean spent;

        OverlaySnapshot(Rootfs.Overlay rootfs, Path workspace) {
            this.rootfs = rootfs;
            this.workspace = workspace;
        }

        @Override
        public Rootfs rootfs() {
            return rootfs;
        }

        @Override
        public List<Change> changes() throws SnapshotException {
            if (spent) {
                throw new IllegalStateException("snapshot already stored");
            }
            try {
                return UpperDirDiff.diff(rootfs.upperDir(), RootfsView.ofLayers(rootfs.lowerDirs()));
            } catch (IOException e) {
                throw new SnapshotException("cannot read the changes in " + rootfs.upperDir() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void storeUnpacked(Path target) throws SnapshotException {
            try {
                Files.createDirectories(target.getParent());
                // The upper dir already is an overlay-style layer dir; unchanged copy-up parents are harmless there.
                Files.move(rootfs.upperDir(), target, StandardCopyOption.ATOMIC_MOVE);
                spent = true;
            } catch (IOException e) {
                throw new SnapshotException("cannot move " + rootfs.upperDir() + " to " + target + ": " + e.getMessage(), e);
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
