package dev.kiln.image;

import dev.kiln.KilnException;
import dev.kiln.blob.VerifyingInputStream;
import dev.kiln.oci.Descriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

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

    /**
     * The content a descriptor carries itself (its {@code data} field), opened as a blob is (verified
     * against digest and size), or empty when it carries none. Sources answer it before they look
     * for the blob, so an embedded config or small layer never needs a file or a request.
     */
    default Optional<InputStream> openEmbedded(Descriptor descriptor) {
        return descriptor.embeddedData().map(bytes -> new VerifyingInputStream(new ByteArrayInputStream(bytes),
                descriptor.digest(), descriptor.size(), describe() + " (data embedded in its descriptor)"));
    }

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
