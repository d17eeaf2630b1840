package dev.kiln.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.oci.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * kiln's own metadata about stored layers, kept beside the OCI layout: for a compressed layer blob,
 * its {@code diff_id} and uncompressed size, which no manifest records and which would otherwise need
 * a full decompression to learn. Written when kiln writes or first measures a layer; each entry is a
 * small file replaced atomically, so concurrent writers are harmless.
 */
public final class LayerSizes {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What is known of one layer blob. */
    public record Entry(Digest diffId, long uncompressedSize) {
    }

    private final Path dir;

    LayerSizes(Path dir) {
        this.dir = dir;
    }

    private Path file(Digest layer) {
        return dir.resolve(layer.algorithm()).resolve(layer.encoded());
    }

    public Optional<Entry> get(Digest layer) {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file(layer)));
            return Optional.of(new Entry(Digest.parse(node.get("diffId").textValue()), node.get("size").longValue()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // A damaged entry is only a lost cache line: measure again.
            return Optional.empty();
        }
    }

    public void put(Digest layer, Digest diffId, long uncompressedSize) throws IOException {
        byte[] json = JSON.writeValueAsBytes(JSON.createObjectNode()
                .put("diffId", diffId.toString()).put("size", uncompressedSize));
        dev.kiln.AtomicFile.write(file(layer), json);
    }

    void delete(Digest layer) throws IOException {
        Files.deleteIfExists(file(layer));
    }
}
