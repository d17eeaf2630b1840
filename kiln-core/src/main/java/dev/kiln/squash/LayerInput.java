package dev.kiln.squash;

import dev.kiln.KilnException;
import dev.kiln.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One layer blob to read, as stored (any compression). The squash reads each layer of the range twice
 * and each lower layer once, so {@link #open()} must give a fresh stream on every call.
 *
 * @param name   how messages name the layer, e.g. {@code layer 3 (sha256:1a2b3c4d5e6f)}
 * @param digest the blob's digest, checked after every read, or null
 * @param diffId the digest of its uncompressed tar, checked after every read, or null
 * @param opener opens the blob
 */
public record LayerInput(String name, Digest digest, Digest diffId, Opener opener) {

    public LayerInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opener, "opener");
    }

    public InputStream open() throws IOException, KilnException {
        return opener.open();
    }

    /** Opens a layer blob. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException, KilnException;
    }
}
