package dev.kiln.build.executor;

import dev.kiln.KilnException;
import dev.kiln.build.cache.CacheKey;
import dev.kiln.image.mutate.ImageDraft;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A stage (or a base image) as later steps see it: its image draft, the cache key of its last step,
 * and its root filesystem as unpacked layers, made only when something needs to read it.
 *
 * @param name         for messages ({@code stage builder}, {@code image debian:bookworm})
 * @param draft        config and layers
 * @param key          the cache key every step above chains from
 * @param lastCreated  the time of the last step, which following config-only steps reuse
 */
public record StageResult(String name, ImageDraft draft, CacheKey key, Instant lastCreated) {

    /** The layer directories, top first, unpacking those not yet in the layer cache. */
    public List<Path> lowerDirs(LowerLayers lowers) throws IOException, KilnException {
        return lowers.dirs(draft.layers(), draft.config().diffIds());
    }
}
