package dev.kiln.build;

import dev.kiln.KilnException;
import dev.kiln.blob.BlobStore;
import dev.kiln.build.cache.CacheKey;
import dev.kiln.build.executor.StageResult;
import dev.kiln.image.Image;
import dev.kiln.image.ImageSource;
import dev.kiln.image.Images;
import dev.kiln.image.mutate.ImageDraft;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Platform;
import dev.kiln.oci.Schema;
import dev.kiln.store.ImageLocator;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base images of FROM and {@code COPY --from=image}: found through the locator (store first, then
 * {@code oci:}, {@code docker-archive:}, registries), their layer blobs brought into the store so that
 * steps can unpack them, each resolved once per build. The cache key of a base is its manifest digest.
 */
final class BaseImages {

    private final ImageLocator locator;
    private final BlobStore blobs;
    private final Platform platform;
    private final Map<String, StageResult> resolved = new ConcurrentHashMap<>();

    BaseImages(ImageLocator locator, BlobStore blobs, Platform platform) {
        this.locator = locator;
        this.blobs = blobs;
        this.platform = platform;
    }

    StageResult scratch() {
        return new StageResult("scratch", ImageDraft.scratch(platform, Schema.OCI), CacheKey.ofBase("scratch"),
                Instant.EPOCH);
    }

    StageResult image(String reference) throws IOException, KilnException {
        StageResult known = resolved.get(reference);
        if (known != null) {
            return known;
        }
        StageResult result;
        try (ImageSource source = locator.source(reference)) {
            Image image = Images.resolve(source, platform);
            for (var layer : image.layers()) {
                Descriptor descriptor = layer.descriptor();
                if (!blobs.has(descriptor)) {
                    try (InputStream in = layer.openCompressed()) {
                        blobs.put(in, descriptor.digest(), descriptor.size());
                    }
                }
            }
            ImageDraft draft = ImageDraft.of(image).withSchema(Schema.OCI).withAnnotations(Map.of());
            Instant created = image.config().created() == null ? Instant.EPOCH : image.config().created();
            result = new StageResult("image " + reference, draft, CacheKey.ofBase(image.descriptor().digest().toString()),
                    created);
        }
        resolved.putIfAbsent(reference, result);
        return result;
    }
}
