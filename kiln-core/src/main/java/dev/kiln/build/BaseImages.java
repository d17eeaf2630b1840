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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base images of FROM and {@code COPY --from=image}: found through the locator (store first, then
 * {@code oci:}, {@code docker-archive:}, registries), their layer blobs brought into the store so that
 * steps can unpack them, each resolved once per build and platform. The cache key of a base is its
 * manifest digest (so the same name for another platform is another key); scratch's names its platform.
 * A platform the user asked for ({@code --platform}, {@code FROM --platform}) must be the image's, even
 * when it is a single-platform image.
 */
final class BaseImages {

    private final ImageLocator locator;
    private final BlobStore blobs;
    private final Optional<Platform> requested;
    private final Map<String, StageResult> resolved = new ConcurrentHashMap<>();

    /** @param requested the build's {@code --platform}, or empty to build for the host */
    BaseImages(ImageLocator locator, BlobStore blobs, Optional<Platform> requested) {
        this.locator = locator;
        this.blobs = blobs;
        this.requested = requested;
    }

    /** The platform a stage builds for: its FROM's {@code --platform}, else the build's. */
    Optional<Platform> platformFor(Optional<Platform> stagePlatform) {
        return stagePlatform.or(() -> requested);
    }

    StageResult scratch(Optional<Platform> stagePlatform) {
        Platform platform = platformFor(stagePlatform).orElseGet(Platform::host).normalized();
        return new StageResult("scratch", ImageDraft.scratch(platform, Schema.OCI),
                CacheKey.ofBase("scratch " + platform), Instant.EPOCH);
    }

    StageResult image(String reference) throws IOException, KilnException {
        return image(reference, Optional.empty());
    }

    StageResult image(String reference, Optional<Platform> stagePlatform) throws IOException, KilnException {
        Optional<Platform> platform = platformFor(stagePlatform);
        String key = reference + platform.map(p -> " " + p.normalized()).orElse("");
        StageResult known = resolved.get(key);
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
        resolved.putIfAbsent(key, result);
        return result;
    }
}
