package dev.kiln.registry;

import dev.kiln.oci.Digest;
import java.util.Objects;

/**
 * A manifest or index as the registry served it: the exact bytes (which the digest covers), the
 * media type from {@code Content-Type} and the digest computed over the bytes (and checked against
 * {@code Docker-Content-Digest} and any digest it was asked by).
 */
public record FetchedManifest(byte[] bytes, String mediaType, Digest digest) {

    public FetchedManifest {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
    }

    public long size() {
        return bytes.length;
    }
}
