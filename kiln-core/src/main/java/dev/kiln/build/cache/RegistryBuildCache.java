package dev.kiln.build.cache;

import dev.kiln.KilnException;
import dev.kiln.blob.BlobStore;
import dev.kiln.event.EventSink;
import dev.kiln.image.ImageNotFoundException;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.image.RemoteImages;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.Manifest;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Schema;
import dev.kiln.ref.ImageReference;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A build cache shared through a registry ({@code --cache-from REF}, {@code --cache-to REF}), so many CI
 * machines reuse each other's steps. At REF lives one OCI manifest: its layers are the cached layer
 * blobs, its config ({@value #CONFIG_TYPE}) a text table {@code key created layer-index|-}. Reading
 * fetches only that manifest and config; a layer is pulled into the store when a step hits it.
 * Secrets never reach it: keys hold no secret content and layers are the image's own.
 */
public final class RegistryBuildCache implements BuildCache {

    public static final String CONFIG_TYPE = "application/vnd.kiln.build.cache.config.v1+text";
    private static final String DIFF_ID = "dev.kiln.build.cache.diff_id";
    private static final String MAGIC = "kiln-registry-build-cache 1";

    private final BuildCache local;
    private final BlobStore blobs;
    private final RemoteImages remote;
    private final EventSink events;
    private final Map<String, Remote> available = new ConcurrentHashMap<>();
    private final Map<String, CacheEntry> used = new ConcurrentHashMap<>();

    private record Remote(ImageReference from, Descriptor layer, Digest diffId, Instant created) {
    }

    /** @param local the store's cache, asked first and filled with what comes from the registry */
    public RegistryBuildCache(BuildCache local, BlobStore blobs, RemoteImages remote, EventSink events) {
        this.local = local;
        this.blobs = blobs;
        this.remote = remote;
        this.events = events;
    }

    /** Reads the table at {@code ref}; a cache that is not there yet is a warning, not an error. */
    public void importFrom(ImageReference ref) throws IOException, KilnException {
        try (ImageSource source = remote.source(ref)) {
            Descriptor root = source.root();
            Manifest manifest = Manifest.parse(source.read(root, ImageSource.MAX_MANIFEST_BYTES), ref.toString());
            if (!CONFIG_TYPE.equals(manifest.config().mediaType())) {
                throw new BuildCacheException(ref + " is not a kiln build cache (config type "
                        + manifest.config().mediaType() + ")");
            }
            String table = new String(source.read(manifest.config(), ImageSource.MAX_CONFIG_BYTES), StandardCharsets.UTF_8);
            String[] lines = table.split("\n");
            if (lines.length == 0 || !lines[0].equals(MAGIC)) {
                throw new BuildCacheException(ref + ": unknown build cache format");
            }
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(" ");
                if (f.length != 3) {
                    continue;
                }
                Descriptor layer = null;
                Digest diffId = null;
                if (!f[2].equals("-")) {
                    layer = manifest.layers().get(Integer.parseInt(f[2]));
                    diffId = Digest.parse(layer.annotations().get(DIFF_ID));
                    layer = new Descriptor(layer.mediaType(), layer.digest(), layer.size());
                }
                available.putIfAbsent(f[0], new Remote(ref, layer, diffId, Instant.parse(f[1])));
            }
            events.info("build cache: " + (lines.length - 1) + " steps available from " + ref.familiar());
        } catch (ImageNotFoundException e) {
            events.warn("--cache-from " + ref.familiar() + ": no cache there yet (" + e.getMessage() + ")");
        } catch (BuildCacheException e) {
            throw e;
        } catch (KilnException e) {
            // like BuildKit: a cache that cannot be read makes a slower build, not a failed one
            events.warn("--cache-from " + ref.familiar() + ": " + e.getMessage());
        }
    }

    @Override
    public Optional<CacheEntry> find(CacheKey key) throws IOException, KilnException {
        Optional<CacheEntry> hit = local.find(key);
        if (hit.isEmpty()) {
            Remote entry = available.get(key.hex());
            if (entry != null) {
                hit = Optional.of(pull(key, entry));
            }
        }
        hit.ifPresent(e -> used.put(key.hex(), e));
        return hit;
    }

    private CacheEntry pull(CacheKey key, Remote entry) throws IOException, KilnException {
        CacheEntry result;
        if (entry.layer() == null) {
            result = CacheEntry.noLayer(entry.created());
        } else {
            if (!blobs.has(entry.layer())) {
                try (ImageSource source = remote.source(entry.from()); InputStream in = source.open(entry.layer())) {
                    blobs.put(in, entry.layer().digest(), entry.layer().size());
                }
            }
            result = CacheEntry.ofLayer(entry.layer(), entry.diffId(), entry.created());
        }
        local.record(key, result);
        return result;
    }

    @Override
    public void record(CacheKey key, CacheEntry entry) throws IOException, KilnException {
        local.record(key, entry);
        used.put(key.hex(), entry);
    }

    /** Writes every step this build used or made to {@code ref}, layers first, the tag last. */
    public void exportTo(ImageReference ref) throws IOException, KilnException {
        List<Descriptor> layers = new ArrayList<>();
        Map<Digest, Integer> index = new LinkedHashMap<>();
        StringBuilder table = new StringBuilder(MAGIC).append('\n');
        try (ImageSink sink = remote.sink(ref)) {
            for (Map.Entry<String, CacheEntry> e : new java.util.TreeMap<>(used).entrySet()) {
                CacheEntry entry = e.getValue();
                String position = "-";
                if (entry.layer().isPresent()) {
                    Descriptor layer = entry.layer().get();
                    Integer at = index.get(layer.digest());
                    if (at == null) {
                        if (!sink.has(layer)) {
                            sink.write(layer, () -> blobs.open(layer));
                        }
                        at = layers.size();
                        index.put(layer.digest(), at);
                        layers.add(new Descriptor(layer.mediaType(), layer.digest(), layer.size(), List.of(),
                                Map.of(DIFF_ID, entry.diffId().get().toString()), null, null, null));
                    }
                    position = Integer.toString(at);
                }
                table.append(e.getKey()).append(' ').append(entry.created()).append(' ').append(position).append('\n');
            }
            byte[] configBytes = table.toString().getBytes(StandardCharsets.UTF_8);
            Descriptor config = Descriptor.of(CONFIG_TYPE, configBytes);
            sink.write(config, new ByteArrayInputStream(configBytes));
            Manifest manifest = Manifest.of(Schema.OCI, config, layers);
            byte[] manifestBytes = manifest.toJson();
            Descriptor root = Descriptor.of(MediaType.OCI_MANIFEST, manifestBytes);
            sink.writeManifest(root, manifestBytes);
            sink.commit(root);
        }
        events.info("build cache: " + used.size() + " steps written to " + ref.familiar());
    }

    /** A cache at a reference that is something else. */
    public static final class BuildCacheException extends KilnException {
        private static final long serialVersionUID = 1L;

        BuildCacheException(String message) {
            super(Kind.BAD_INPUT, message);
        }
    }
}
