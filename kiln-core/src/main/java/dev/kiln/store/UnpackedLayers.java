package dev.kiln.store;

import dev.kiln.KilnException;
import dev.kiln.event.EventSink;
import dev.kiln.event.ProgressEvent;
import dev.kiln.image.Image;
import dev.kiln.image.Layer;
import dev.kiln.oci.Digest;
import dev.kiln.tar.ExtractOptions;
import dev.kiln.tar.FileTrees;
import dev.kiln.tar.OverlayStack;
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
 * The store's unpacked-layer cache, {@code $KILN_HOME/layers/<alg>/<hex>} by diff_id (or
 * {@code layers/chains/<alg>/<hex>} by ChainID for the few layers whose unpacked form depends on the
 * layers below), as build steps and {@code kiln run} use it: each layer unpacked once over its lowers,
 * with overlay-style whiteouts, so it can be an overlay lower dir as is. Directories appear atomically (made beside, then renamed), so concurrent
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
        return unpack(image.layers()).topFirst();
    }

    /**
     * The unpacked directories of a layer stack and how many of them this call had to make.
     *
     * @param topFirst the directories, topmost first (as overlay wants lowers)
     * @param made     how many were unpacked now (a warm cache makes none)
     */
    public record Unpacked(List<Path> topFirst, int made) {
        public Unpacked {
            topFirst = List.copyOf(topFirst);
        }
    }

    /**
     * The unpacked directories of a stack of layers (bottom first), extracting and verifying each on
     * first use. Each layer is unpacked over the ones below it; most layers come out the same over any
     * stack and are kept by diff_id, the rest (see {@link SafeExtractor.Result#dependsOnLowers()}) by
     * the stack's ChainID.
     */
    public Unpacked unpack(List<Layer> bottomFirst) throws IOException, KilnException {
        List<Path> dirs = new ArrayList<>();
        Digest chain = null;
        int made = 0;
        for (Layer layer : bottomFirst) {
            chain = Digest.chainId(chain, layer.diffId());
            Path byLayer = store.layerCacheDir(layer.diffId());
            Path byStack = store.chainCacheDir(chain);
            Path found = Files.isDirectory(byLayer, LinkOption.NOFOLLOW_LINKS) ? byLayer
                    : Files.isDirectory(byStack, LinkOption.NOFOLLOW_LINKS) ? byStack : null;
            if (found == null) {
                List<Path> lowers = new ArrayList<>(dirs);
                Collections.reverse(lowers);
                found = extract(layer, byLayer, byStack, OverlayStack.of(lowers));
                made++;
            }
            dirs.add(found);
        }
        Collections.reverse(dirs);
        return new Unpacked(dirs, made);
    }

    private Path extract(Layer layer, Path byLayer, Path byStack, OverlayStack lowers) throws IOException, KilnException {
        String id = layer.diffId().shortHex();
        events.accept(new ProgressEvent(id, "unpack", 0, layer.size(), ProgressEvent.State.STARTED));
        Path[] placed = {byLayer};
        try {
            layer.readUncompressed(in -> SafeExtractor.extractAtomically(in, byLayer,
                    ExtractOptions.asRoot(ExtractOptions.WhiteoutMode.OVERLAY), lowers,
                    result -> placed[0] = result.dependsOnLowers() ? byStack : byLayer));
        } catch (FileAlreadyExistsException raced) {
            // another process unpacked it first: its copy is as good as ours
        } catch (FileSystemException raced) {
            // the rename onto a directory another process made meanwhile fails with ENOTEMPTY: keep theirs
            if (!Files.isDirectory(placed[0], LinkOption.NOFOLLOW_LINKS)) {
                throw raced;
            }
        }
        events.accept(new ProgressEvent(id, "unpack", layer.size(), layer.size(), ProgressEvent.State.DONE));
        return placed[0];
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

    /**
     * Deletes the unpacked layers whose diff_id is not in {@code live}, and those kept by ChainID whose
     * stack is not in {@code liveChains}; the garbage collector's sweep.
     */
    int dropUnused(Set<Digest> live, Set<Digest> liveChains) throws IOException {
        return dropUnused(store.layerCacheDir(), live) + dropUnused(store.layerCacheDir().resolve(Store.CHAINS), liveChains);
    }

    private int dropUnused(Path root, Set<Digest> live) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> algorithms = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path algorithm : algorithms) {
                if (algorithm.getFileName().toString().equals(Store.CHAINS) && root.equals(store.layerCacheDir())) {
                    // "chains:sha256" reads as a digest; the stacks in there are swept by ChainID
                    continue;
                }
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
