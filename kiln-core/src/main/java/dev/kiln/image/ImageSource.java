package dev.kiln.image;

import dev.kiln.KilnException;
import dev.kiln.oci.Descriptor;
import java.io.IOException;
import java.io.InputStream;

/**
 * Somewhere images can be read from: the local store, an OCI layout, a docker archive, a registry.
 * A source is resolved to one root (a manifest or an index); everything else is a blob found by
 * descriptor. Every stream a source opens verifies digest and size at its end (see
 * {@link dev.kiln.blob.VerifyingInputStream}), so callers never need to re-check.
 *
 * <p>Implementations must allow {@link #open} from several threads at once (the copier reads
 * blobs in parallel).
 */
public interface ImageSource extends AutoCloseable {

    /** Largest manifest or index kiln accepts (the distribution-spec's suggested minimum limit). */
    int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    /** Largest image config kiln accepts; long histories make configs big, layers never come here. */
    int MAX_CONFIG_BYTES = 32 * 1024 * 1024;

    /** The source as the user named it, for messages: {@code oci:/tmp/out:1.0}, {@code busybox:1.36.1-1}. */
    String describe();

    /** The manifest or index this source stands for. */
    Descriptor root() throws IOException, KilnException;

    /** Opens a blob; the stream fails at its end unless the content matches the descriptor. */
    InputStream open(Descriptor descriptor) throws IOException, KilnException;

    /** Reads a small blob (manifest, index, config) whole and verified. */
    default byte[] read(Descriptor descriptor, int limit) throws IOException, KilnException {
        if (descriptor.size() > limit) {
            throw new dev.kiln.oci.ImageFormatException(describe() + ": " + descriptor.mediaType() + " "
                    + descriptor.digest() + " is " + descriptor.size() + " bytes, more than the limit of " + limit);
        }
        try (InputStream in = open(descriptor)) {
            return in.readAllBytes();
        }
    }

    @Override
    void close() throws IOException;
}
