package dev.kiln.build.snapshot;

import dev.kiln.build.run.Rootfs;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * A writable root over unpacked lower layers, from {@link Snapshotter#prepare}. Use it as
 * {@code RunSpec.rootfs()}, run the step, then ask for its {@link #changes()} (or write them with
 * {@link #writeLayer}) and, to skip re-extracting the new layer for the next step, move the unpacked
 * result into the layer cache with {@link #storeUnpacked}. Closing deletes whatever is left.
 */
public interface Snapshot extends AutoCloseable {

    /** The root filesystem the sandbox runs in. */
    Rootfs rootfs();

    /**
     * What changed since {@code prepare}, as tar entries in layer order (parents first, sorted by
     * path segment): added and modified entries with their parent directories, OCI whiteouts for
     * deletions, an opaque marker for directories that were removed and made anew. Call after the
     * process has ended.
     */
    List<Change> changes() throws SnapshotException;

    /** Writes {@link #changes()} to a layer and returns its digests. */
    default LayerDigests writeLayer(LayerWriter writer) throws SnapshotException {
        return ChangeWriter.write(changes(), writer);
    }

    /**
     * Makes {@code target} (which must not exist) an overlay-style unpacked directory of the new
     * layer: whiteouts as 0:0 character devices, opaque directories marked with
     * {@code user.overlay.opaque=y} and {@code trusted.overlay.opaque=y}. The overlay snapshotter
     * renames its upper directory (cost independent of the layer's size); the walk snapshotter copies
     * the changes. Call after {@link #changes()}; the snapshot is spent afterwards.
     */
    void storeUnpacked(Path target) throws SnapshotException;

    @Override
    void close();
}
