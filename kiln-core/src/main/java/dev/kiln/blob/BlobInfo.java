package dev.kiln.blob;

import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import java.util.Objects;

/** What storing some content produced: its digest and length. */
public record BlobInfo(Digest digest, long size) {

    public BlobInfo {
        Objects.requireNonNull(digest, "digest");
    }

    /** A descriptor for this content with the given media type. */
    public Descriptor describe(String mediaType) {
        return new Descriptor(mediaType, digest, size);
    }
}
