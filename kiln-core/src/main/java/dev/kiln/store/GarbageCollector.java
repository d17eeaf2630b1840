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
import dev.kiln.Futures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Mark and sweep over the store: everything reachable from {@code index.json} lives (manifests,
 * indexes, configs, layers), every other blob goes, with the temp files of interrupted writes and
 * unpacked layers no image uses, and the debris of killed builds, runs and unpacks (see {@link Debris}).
 * Runs with the collector lock exclusive (no writer is running, so
 * every temp file is debris) and the index lock held. If a manifest cannot be read it stops rather
 * than guess: deleting the layers of an image it could not read would make things worse.
 */
final class GarbageCollector {

    private final Store store;
    private final OciLayout layout;
    private final Set<Digest> live = new HashSet<>();
    private final Set<Digest> liveDiffIds = new HashSet<>();
    private final Set<Digest> liveChainIds = new HashSet<>();
    /** The names of the index entries that reach each live blob, for naming what a damaged blob breaks. */
    private final Map<Digest, Set<String>> users = new HashMap<>();
    private String user;
    private boolean verify;
    /** Manifests and configs found damaged while marking (verify only). */
    private final Map<Digest, DamagedBlob> damagedOnMark = new java.util.LinkedHashMap<>();

    GarbageCollector(Store store, OciLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    /**
     * @param verify also re-hash every blob kept, deleting the damaged ones (slow: reads the whole store)
     */
    GcResult collect(StoreLocks locks, boolean verify) throws IOException, KilnException {
        this.verify = verify;
        try (StoreLocks.Held index = locks.lockIndex()) {
            for (Descriptor root : layout.manifests()) {
                user = displayName(root);
                mark(root);
            }
            if (!damagedOnMark.isEmpty()) {
                // What the damaged manifests and configs referenced is unknown: sweep nothing else this time.
                for (DamagedBlob blob : damagedOnMark.values()) {
                    store.blobs().delete(blob.digest());
                }
                List<DamagedBlob> damaged = new ArrayList<>(damagedOnMark.values());
                damaged.replaceAll(d -> new DamagedBlob(d.digest(), d.problem(),
                        List.copyOf(users.getOrDefault(d.digest(), Set.of()))));
                long[] debris = new Debris(store).delete();
                return new GcResult(0, 0, (int) debris[0], debris[1], 0, damaged);
            }
            BlobStore blobs = store.blobs();
            int removed = 0;
            long removedBytes = 0;
            List<Digest> kept = new ArrayList<>();
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
                } else {
                    kept.add(digest);
                }
            }
            List<DamagedBlob> damaged = verify ? deleteDamaged(kept) : List.of();
            long[] temps = deleteTemps();
            long[] debris = new Debris(store).delete();
            int layerDirs = new UnpackedLayers(store, EventSink.NONE).dropUnused(liveDiffIds, liveChainIds);
            return new GcResult(removed, removedBytes, (int) (temps[0] + debris[0]), temps[1] + debris[1], layerDirs,
                    damaged);
        }
    }

    /** Re-hashes the blobs on every core and deletes those whose content does not match their name. */
    private List<DamagedBlob> deleteDamaged(List<Digest> digests) throws IOException, KilnException {
        BlobStore blobs = store.blobs();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<Optional<String>>> checks = new ArrayList<>();
            for (Digest digest : digests) {
                checks.add(pool.submit(() -> blobs.check(digest)));
            }
            List<DamagedBlob> damaged = new ArrayList<>();
            for (int i = 0; i < digests.size(); i++) {
                Optional<String> problem = Futures.await(checks.get(i), "verifying blobs");
                if (problem.isPresent()) {
                    Digest digest = digests.get(i);
                    blobs.delete(digest);
                    store.layerSizes().delete(digest);
                    damaged.add(new DamagedBlob(digest, problem.get(), List.copyOf(users.getOrDefault(digest, Set.of()))));
                }
            }
            return damaged;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String displayName(Descriptor root) {
        String name = root.annotations().get(dev.kiln.oci.Annotations.REF_NAME);
        return name != null ? name : root.digest().toString();
    }

    private void mark(Descriptor descriptor) throws IOException, KilnException {
        // Revisited for each entry that reaches it (entries often share a manifest), so every blob
        // below knows all the images that need it.
        live.add(descriptor.digest());
        if (!users.computeIfAbsent(descriptor.digest(), d -> new TreeSet<>()).add(user)) {
            return;
        }
        String type = descriptor.mediaType();
        if (!MediaType.isIndex(type) && !MediaType.isManifest(type)) {
            return;
        }
        byte[] bytes = read(descriptor);
        if (bytes == null) {
            return;
        }
        if (MediaType.isIndex(type)) {
            for (Descriptor child : ImageIndex.parse(bytes, what(descriptor)).manifests()) {
                mark(child);
            }
            return;
        }
        Manifest manifest = Manifest.parse(bytes, what(descriptor));
        use(manifest.config().digest());
        for (Descriptor layer : manifest.layers()) {
            use(layer.digest());
        }
        if (manifest.isImage() && store.blobs().has(manifest.config().digest())) {
            byte[] configBytes = read(manifest.config());
            if (configBytes == null) {
                return;
            }
            ImageConfig config = ImageConfig.parse(configBytes, what(manifest.config()));
            liveDiffIds.addAll(config.diffIds());
            Digest chain = null;
            for (Digest diffId : config.diffIds()) {
                chain = Digest.chainId(chain, diffId);
                liveChainIds.add(chain);
            }
        }
    }

    private void use(Digest digest) {
        live.add(digest);
        users.computeIfAbsent(digest, d -> new TreeSet<>()).add(user);
    }

    /** A manifest, index or config; null when verifying and its content does not match its digest. */
    private byte[] read(Descriptor descriptor) throws IOException, KilnException {
        try {
            return store.blobs().read(descriptor, ImageSource.MAX_CONFIG_BYTES);
        } catch (IOException | KilnException e) {
            if (verify && dev.kiln.blob.BlobDigestMismatchException.in(e).isPresent()) {
                damagedOnMark.put(descriptor.digest(), new DamagedBlob(descriptor.digest(),
                        dev.kiln.blob.BlobDigestMismatchException.in(e).get().getMessage(), List.of()));
                return null;
            }
            throw new ImageFormatException("gc stopped, nothing deleted: cannot read " + what(descriptor) + ": "
                    + e.getMessage() + " (remove the image that uses it with kiln rmi, then run gc again)", e);
        }
    }

    private static String what(Descriptor descriptor) {
        return descriptor.mediaType() + " " + descriptor.digest();
    }

    /** Temp files of interrupted writes of the index and metadata files (ingest is {@link Debris}'s). */
    private long[] deleteTemps() throws IOException {
        long count = 0;
        long bytes = 0;
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
