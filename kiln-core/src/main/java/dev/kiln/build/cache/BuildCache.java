package dev.kiln.build.cache;

import dev.kiln.KilnException;
import java.io.IOException;
import java.util.Optional;

/**
 * Where step results are found by {@link CacheKey}. The local cache lives in the store; a
 * registry-backed one ({@code --cache-from}/{@code --cache-to}) shares results between machines.
 * Implementations are thread-safe: parallel stages look up and record at once.
 */
public interface BuildCache {

    /** A cache with nothing in it that forgets everything ({@code --no-cache}). */
    BuildCache NONE = new BuildCache() {
        @Override
        public Optional<CacheEntry> find(CacheKey key) {
            return Optional.empty();
        }

        @Override
        public void record(CacheKey key, CacheEntry entry) {
        }
    };

    /** The entry for this key, if its layer is still available to the build. */
    Optional<CacheEntry> find(CacheKey key) throws IOException, KilnException;

    /** Remembers a result; the entry's layer blob must already be in the store. */
    void record(CacheKey key, CacheEntry entry) throws IOException, KilnException;
}
