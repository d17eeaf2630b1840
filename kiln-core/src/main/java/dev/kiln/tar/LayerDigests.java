package dev.kiln.tar;

import dev.kiln.oci.Digest;
import java.util.Objects;

/**
 * What one pass over a layer learns: the digest and size of the bytes as stored (compressed), and the
 * {@code diff_id} (digest of the uncompressed tar) with the uncompressed size.
 */
public record LayerDigests(Digest digest, long size, Digest diffId, long uncompressedSize, Compression compression) {

    public LayerDigests {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(compression, "compression");
    }
}
