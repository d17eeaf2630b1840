package dev.kiln.oci;

import dev.kiln.KilnException;

/**
 * An image document (manifest, index, config, layout file, archive) that is malformed or not what it
 * claims to be. The message names the document and the offending field, e.g.
 * {@code manifest sha256:ab..: layers[2].digest: invalid digest 'sha256:xyz'}.
 */
public class ImageFormatException extends KilnException {

    private static final long serialVersionUID = 1L;

    public ImageFormatException(String message) {
        super(Kind.BAD_INPUT, message);
    }

    public ImageFormatException(String message, Throwable cause) {
        super(Kind.BAD_INPUT, message, cause);
    }
}
