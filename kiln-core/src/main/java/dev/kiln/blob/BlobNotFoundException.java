package dev.kiln.blob;

import dev.kiln.KilnException;
import dev.kiln.oci.Digest;

/** A blob an image names is missing from where it should be (a store, a layout, an archive). */
public class BlobNotFoundException extends KilnException {

    private static final long serialVersionUID = 1L;

    private final Digest digest;

    public BlobNotFoundException(Digest digest, String where) {
        super(Kind.BAD_INPUT, "blob " + digest + " not found in " + where);
        this.digest = digest;
    }

    public Digest digest() {
        return digest;
    }
}
