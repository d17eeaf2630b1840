package dev.kiln.build.cache;

import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a cached step produced: its layer (absent when the step changed no file) and the time the
 * step first ran, which its history entry keeps so that a rebuild with no change gives the same
 * image digest.
 */
public record CacheEntry(Optional<Descriptor> layer, Optional<Digest> diffId, Instant created) {

    public CacheEntry {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(created, "created");
        if (layer.isPresent() != diffId.isPresent()) {
            throw new IllegalArgumentException("a cached layer needs both its descriptor and its diff_id");
        }
    }

    public static CacheEntry ofLayer(Descriptor layer, Digest diffId, Instant created) {
        return new CacheEntry(Optional.of(layer), Optional.of(diffId), created);
    }

    public static CacheEntry noLayer(Instant created) {
        return new CacheEntry(Optional.empty(), Optional.empty(), created);
    }
}
