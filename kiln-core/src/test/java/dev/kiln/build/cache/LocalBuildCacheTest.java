package dev.kiln.build.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.blob.BlobInfo;
import dev.kiln.blob.BlobStore;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.MediaType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBuildCacheTest {

    @TempDir
    Path tmp;

    @Test
    void recordedEntriesAreFoundWhileTheirBlobExists() throws Exception {
        BlobStore blobs = new BlobStore(tmp.resolve("blobs"), tmp.resolve("ingest"));
        BlobInfo info = blobs.put("layer bytes".getBytes(StandardCharsets.UTF_8));
        Descriptor layer = new Descriptor(MediaType.OCI_LAYER_GZIP, info.digest(), info.size());
        LocalBuildCache cache = new LocalBuildCache(tmp.resolve("cache"), blobs);
        CacheKey key = CacheKey.ofBase("x").next("RUN", "true", Map.of());
        Instant created = Instant.parse("2024-01-02T03:04:05Z");

        assertThat(cache.find(key)).isEmpty();
        cache.record(key, CacheEntry.ofLayer(layer, Digest.sha256("tar"), created));
        CacheEntry found = cache.find(key).orElseThrow();
        assertThat(found.layer()).contains(layer);
        assertThat(found.diffId()).contains(Digest.sha256("tar"));
        assertThat(found.created()).isEqualTo(created);

        blobs.delete(info.digest());
        assertThat(cache.find(key)).as("a collected layer is a miss").isEmpty();
    }

    @Test
    void stepsWithoutALayerAndDamagedEntries() throws Exception {
        BlobStore blobs = new BlobStore(tmp.resolve("blobs"), tmp.resolve("ingest"));
        LocalBuildCache cache = new LocalBuildCache(tmp.resolve("cache"), blobs);
        CacheKey empty = CacheKey.ofBase("x").next("RUN", "true", Map.of());
        cache.record(empty, CacheEntry.noLayer(Instant.EPOCH));
        assertThat(cache.find(empty).orElseThrow().layer()).isEmpty();

        CacheKey damaged = CacheKey.ofBase("y");
        Files.createDirectories(cache.file(damaged).getParent());
        Files.writeString(cache.file(damaged), "kiln-build-cache 1\nlayer nonsense\n");
        assertThat(cache.find(damaged)).isEmpty();
    }
}
