package dev.kiln.build.cache;

import dev.kiln.blob.BlobStore;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The build cache inside the local store: one small text file per key under
 * {@code meta/build-cache/<2 hex>/<62 hex>} naming the layer blob, its diff_id and the step's time.
 * Plain text on purpose: the warm path of a rebuild reads a handful of these and must stay cheap (no
 * JSON machinery, no layer reads). Entries whose blob was garbage-collected read as misses. Writes
 * are atomic, so concurrent builds at worst record the same result twice.
 */
public final class LocalBuildCache implements BuildCache {

    private static final String MAGIC = "kiln-build-cache 1";

    private final Path root;
    private final BlobStore blobs;

    /**
     * @param root  the cache directory ({@code $KILN_HOME/meta/build-cache})
     * @param blobs the store's blobs, where cached layers live
     */
    public LocalBuildCache(Path root, BlobStore blobs) {
        this.root = root;
        this.blobs = blobs;
    }

    Path file(CacheKey key) {
        return root.resolve(key.hex().substring(0, 2)).resolve(key.hex().substring(2));
    }

    @Override
    public Optional<CacheEntry> find(CacheKey key) throws IOException {
        String text;
        try {
            text = Files.readString(file(key), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Optional<CacheEntry> entry = parse(text);
        if (entry.isPresent() && entry.get().layer().isPresent() && !blobs.has(entry.get().layer().get())) {
            return Optional.empty();
        }
        return entry;
    }

    /** A damaged or foreign entry is a miss, never an error: the step simply runs again. */
    static Optional<CacheEntry> parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length < 2 || !lines[0].equals(MAGIC)) {
            return Optional.empty();
        }
        try {
            Instant created = null;
            Descriptor layer = null;
            Digest diffId = null;
            for (int i = 1; i < lines.length; i++) {
                String[] fields = lines[i].split(" ");
                switch (fields[0]) {
                    case "created" -> created = Instant.parse(fields[1]);
                    case "layer" -> layer = new Descriptor(fields[1], Digest.parse(fields[2]), Long.parseLong(fields[3]));
                    case "diff_id" -> diffId = Digest.parse(fields[1]);
                    default -> {
                        // later versions may add lines
                    }
                }
            }
            if (created == null || (layer == null) != (diffId == null)) {
                return Optional.empty();
            }
            return Optional.of(new CacheEntry(Optional.ofNullable(layer), Optional.ofNullable(diffId), created));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static String format(CacheEntry entry) {
        StringBuilder text = new StringBuilder(MAGIC).append('\n');
        text.append("created ").append(entry.created()).append('\n');
        if (entry.layer().isPresent()) {
            Descriptor layer = entry.layer().get();
            text.append("layer ").append(layer.mediaType()).append(' ').append(layer.digest()).append(' ')
                    .append(layer.size()).append('\n');
            text.append("diff_id ").append(entry.diffId().get()).append('\n');
        }
        return text.toString();
    }

    @Override
    public void record(CacheKey key, CacheEntry entry) throws IOException {
        dev.kiln.AtomicFile.write(file(key), format(entry));
    }
}
