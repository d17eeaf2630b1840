package dev.kiln.analysis;

import dev.kiln.KilnException;
import dev.kiln.oci.Digest;
import dev.kiln.oci.History;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * One layer as the analysis needs it: where it sits, its digests and stored size, the history entry
 * that made it, and a way to open its blob (compressed as stored; compression is detected).
 *
 * @param index          0-based position in the image, bottom first
 * @param digest         digest of the blob as stored
 * @param compressedSize size of the blob as stored
 * @param diffId         digest of the uncompressed tar, from the image config
 */
public record LayerInput(int index, Digest digest, long compressedSize, Digest diffId, Optional<History> history,
        Opener opener) {

    /** Opens the layer's blob; each call returns a new stream from its start. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException, KilnException;
    }

    public LayerInput {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(opener, "opener");
    }
}
