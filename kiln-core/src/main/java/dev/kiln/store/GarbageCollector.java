package dev.kiln.store;

import dev.kiln.KilnException;
import dev.kiln.blob.BlobStore;
import dev.kiln.event.EventSink;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.ImageSource;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.ImageConfig;
import dev.kiln.oci.ImageFormatException;
import dev.kiln.oci.ImageIndex;
import dev.kiln.oci.Manifest;
import dev.kiln.oci.MediaType;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Mark and sweep over the store: everything reachable from {@code index.json} lives (manifests,
 * indexes, configs, layers), every other blob goes, with the temp files of interrupted writes and
 * unpacked layers no image uses. Runs with the collector lock exclusive (no writer is running, so
 * every temp file is debris) and the index lock held. If a manifest cannot be read it stops rather
 * than guess: deleting the layers of an image it could not read would make things worse.
 */
final class GarbageCollector {

    private final Store store;
    private final OciLayout layout;
    private final Set<Digest> live = new HashSet<>();
    private final Set<Digest> liveDiffIds = new HashSet<>();
    private final Set<Digest> liveChainIds = new HashSet<>();

    GarbageCollector(Store store, OciLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    GcResult collect(StoreLocks locks) throws IOException, KilnException {
        try (StoreLocks.Held index = locks.lockIndex()) {
            for (Descriptor root : layout.manifests()) {
                mark(root);
            }
            BlobStore blobs = store.blobs();
            int removed = 0;
            long removedBytes = 0;
            for (Digest digest : blobs.list()) {
                if (!live.contains(digest)) {
                    long size;
                    try {
                        size = Files.size(blobs.path(digest));
                    } catch (NoSuchFileException e) {
                        continue;
                    }
                    if (blobs.delete(digest)) {
                        removed++;
                        removedBytes += size;
                    }
                    store.layerSizes().delete(digest);
                }
            }
            long[] temps = deleteTemps();
            int layerDirs = new UnpackedLayers(store, EventSink.NONE).dropUnused(liveDiffIds, liveChainIds);
            return new GcResult(removed, removedBytes, (int) temps[0], temps[1], layerDirs);
        }
    }

    private void mark(Descriptor descriptor) throws IOException, KilnException {
        if (!live.add(descriptor.digest())) {
            return;
        }
        String type = descriptor.mediaType();
        if (!MediaType.isIndex(type) && !MediaType.isManifest(type)) {
            return;
        }
        byte[] bytes = read(descriptor);
        if (MediaType.isIndex(type)) {
            for (Descriptor child : ImageIndex.parse(bytes, what(descriptor)).manifests()) {
                mark(child);
            }
            return;
        }
        Manifest manifest = Manifest.parse(bytes, what(descriptor));
        live.add(manifest.config().digest());
        for (Descriptor layer : manifest.layers()) {
            live.add(layer.digest());
        }
        if (manifest.isImage() && store.blobs().has(manifest.config().digest())) {
            ImageConfig config = ImageConfig.parse(read(manifest.config()), what(manifest.config()));
            liveDiffIds.addAll(config.diffIds());
            Digest chain = null;
            for (Digest diffId : config.diffIds()) {
                chain = Digest.chainId(chain, diffId);
                liveChainIds.add(chain);
            }
        }
    }

    private byte[] read(Descriptor descriptor) throws IOException, KilnException {
        try {
            return store.blobs().read(descriptor, ImageSource.MAX_CONFIG_BYTES);
        } catch (IOException | KilnException e) {
            throw new ImageFormatException("gc stopped, nothing deleted: cannot read " + what(descriptor) + ": "
                    + e.getMessage() + " (remove the image that uses it with kiln rmi, then run gc again)", e);
        }
    }

    private static String what(Descriptor descriptor) {
        return descriptor.mediaType() + " " + descriptor.digest();
    }

    /** Temp files of interrupted writes: ingest files, half-written index and metadata files. */
    private long[] deleteTemps() throws IOException {
        long count = 0;
        long bytes = 0;
        Path ingest = store.ingestDir();
        if (Files.isDirectory(ingest)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(ingest, "*.partial")) {
                for (Path file : files) {
                    long size = Files.size(file);
                    if (Files.deleteIfExists(file)) {
                        count++;
                        bytes += size;
                    }
                }
            }
        }
        for (Path dir : new Path[] {store.home(), store.home().resolve("meta")}) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var walk = Files.walk(dir, dir.equals(store.home()) ? 1 : 4)) {
                for (Path file : walk.filter(p -> p.getFileName().toString().startsWith(".")
                        && p.getFileName().toString().endsWith(".tmp") && Files.isRegularFile(p)).toList()) {
                    long size = Files.size(file);
                    if (Files.deleteIfExists(file)) {
                        count++;
                        bytes += size;
                    }
                }
            }
        }
        return new long[] {count, bytes};
    }
}
