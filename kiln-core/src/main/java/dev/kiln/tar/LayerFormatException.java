package dev.kiln.tar;

import dev.kiln.KilnException;

/**
 * A layer that is not a valid (compressed) tar stream, or whose digests do not match what was
 * expected. The message names the entry or the offset where reading stopped.
 */
public final class LayerFormatException extends KilnException {

    private static final long serialVersionUID = 1L;

    public LayerFormatException(String message) {
        super(Kind.BAD_INPUT, message);
    }

    public LayerFormatException(String message, Throwable cause) {
        super(Kind.BAD_INPUT, message, cause);
    }
}
