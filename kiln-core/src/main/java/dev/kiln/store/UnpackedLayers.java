package dev.kiln.store;

import dev.kiln.KilnException;
import dev.kiln.event.EventSink;
import dev.kiln.event.ProgressEvent;
import dev.kiln.image.Image;
import dev.kiln.image.Layer;
import dev.kiln.oci.Digest;
import dev.kiln.tar.ExtractOptions;
import dev.kiln.tar.FileTrees;
import dev.kiln.tar.SafeExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The store's unpacked-layer cache, {@code $KILN_HOME/layers/<alg>/<hex>} by diff_id, as build steps
 * and {@code kiln run} use it: each layer unpacked once, with overlay-style whiteouts, so it can be an
 * overlay lower dir as is. Directories appear atomically (made beside, then renamed), so concurrent
 * kiln processes never see half a layer; the loser of a race keeps the winner's copy. The store's
 * garbage collector drops the directories of layers no image uses.
 */
public final class UnpackedLayers {

    /** Writes a layer's unpacked tree at a path that does not exist yet, atomically. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path target) throws IOException, KilnException;
    }

    private final Store store;
    private final EventSink events;

    public UnpackedLayers(Store store, EventSink events) {
        this.store = store;
        this.events = events;
    }

    /** Whether the layer with this diff_id is unpacked already. */
    public boolean has(Digest diffId) {
        return Files.isDirectory(store.layerCacheDir(diffId), LinkOption.NOFOLLOW_LINKS);
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
        if (has(layer.diffId())) {
            return store.layerCacheDir(layer.diffId());
        }
        String id = layer.diffId().shortHex();
        events.accept(new ProgressEvent(id, "unpack", 0, layer.size(), ProgressEvent.State.STARTED));
        Path target = fill(layer.diffId(), dir -> {
            try (InputStream in = layer.openUncompressed()) {
                SafeExtractor.extractAtomically(in, dir, ExtractOptions.asRoot(ExtractOptions.WhiteoutMode.OVERLAY));
            }
        });
        events.accept(new ProgressEvent(id, "unpack", layer.size(), layer.size(), ProgressEvent.State.DONE));
        return target;
    }

    /**
     * Keeps a layer kiln has just made (a build step's result) unpacked under its diff_id, so the next
     * step needs no extraction: the filler renames or copies the tree into place.
     */
    public Path adopt(Digest diffId, Filler filler) throws IOException, KilnException {
        if (has(diffId)) {
            return store.layerCacheDir(diffId);
        }
        return fill(diffId, filler);
    }

    /** Deletes the unpacked layers whose diff_id is not in {@code live}; the garbage collector's sweep. */
    int dropUnused(Set<Digest> live) throws IOException {
        Path root = store.layerCacheDir();
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> algorithms = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path algorithm : algorithms) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(algorithm)) {
                    for (Path entry : entries) {
                        String text = algorithm.getFileName() + ":" + entry.getFileName();
                        if (Digest.isValid(text) && !live.contains(Digest.parse(text))) {
                            FileTrees.deleteRecursively(entry);
                            deleted++;
                        }
                    }
                }
            }
        }
        return deleted;
    }

    private Path fill(Digest diffId, Filler filler) throws IOException, KilnException {
        Path target = store.layerCacheDir(diffId);
        Files.createDirectories(target.getParent());
        try {
            filler.fill(target);
        } catch (FileAlreadyExistsException raced) {
            // another process unpacked it first: its copy is as good as ours
        } catch (FileSystemException | KilnException raced) {
            // the rename onto a directory another process made meanwhile fails (ENOTEMPTY): keep theirs
            if (!has(diffId)) {
                throw raced;
            }
        }
        return target;
    }
}
