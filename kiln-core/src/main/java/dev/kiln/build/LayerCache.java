package dev.kiln.build;

import dev.kiln.KilnException;
import dev.kiln.build.snapshot.Snapshot;
import dev.kiln.event.EventSink;
import dev.kiln.event.ProgressEvent;
import dev.kiln.image.Image;
import dev.kiln.image.Layer;
import dev.kiln.oci.Digest;
import dev.kiln.store.Store;
import dev.kiln.tar.ExtractOptions;
import dev.kiln.tar.SafeExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The store's unpacked-layer cache ({@code $KILN_HOME/layers/<alg>/<hex>} by diff_id) as build steps
 * and {@code kiln run} use it: each layer unpacked once, with overlay-style whiteouts, so it can be an
 * overlay lower dir as is. Directories appear atomically (extract beside, rename), so concurrent kiln
 * processes never see half a layer; the loser of a race keeps the winner's copy.
 */
public final class LayerCache {

    private final Store store;
    private final EventSink events;

    public LayerCache(Store store, EventSink events) {
        this.store = store;
        this.events = events;
    }

    /** The unpacked directories of the image's layers, topmost first (as overlay wants lowers). */
    public List<Path> unpack(Image image) throws IOException, KilnException {
        List<Path> dirs = new ArrayList<>();
        for (Layer layer : image.layers()) {
            dirs.add(unpack(layer));
        }
        Collections.reverse(dirs);
        return dirs;
    }

    /** The layer's unpacked directory, extracting and verifying it on first use. */
    public Path unpack(Layer layer) throws IOException, KilnException {
        Path target = store.layerCacheDir(layer.diffId());
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return target;
        }
        String id = layer.diffId().shortHex();
        events.accept(new ProgressEvent(id, "unpack", 0, layer.size(), ProgressEvent.State.STARTED));
        try (InputStream in = layer.openUncompressed()) {
            SafeExtractor.extractAtomically(in, target, ExtractOptions.asRoot(ExtractOptions.WhiteoutMode.OVERLAY));
        } catch (FileAlreadyExistsException raced) {
            // another process unpacked it first: its copy is as good as ours
        } catch (java.nio.file.FileSystemException raced) {
            // the rename onto a directory another build made meanwhile fails with ENOTEMPTY: keep theirs
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw raced;
            }
        }
        events.accept(new ProgressEvent(id, "unpack", layer.size(), layer.size(), ProgressEvent.State.DONE));
        return target;
    }

    /**
     * Keeps a build step's new layer unpacked under its diff_id, so the next step needs no extraction:
     * the overlay snapshotter renames its upper dir, the walk snapshotter unpacks its changes.
     */
    public Path adopt(Snapshot snapshot, Digest diffId) throws IOException, KilnException {
        Path target = store.layerCacheDir(diffId);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return target;
        }
        try {
            snapshot.storeUnpacked(target);
        } catch (dev.kiln.build.snapshot.SnapshotException e) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
        }
        return target;
    }
}
