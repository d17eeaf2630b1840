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

    /**
     * The format problem {@code error} stands for: itself, or the one a stream's IOException carries
     * ({@link CorruptStreamException}); null for anything else, such as a digest mismatch, which
     * names its blob already.
     */
    public static LayerFormatException of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof LayerFormatException f) {
                return f;
            }
            if (t instanceof KilnException) {
                return null;
            }
        }
        return null;
    }

    /** This problem again, its message prefixed with what was being read ({@code "app:1: layer 2 sha256:..."}). */
    public LayerFormatException in(String where) {
        return new LayerFormatException(where + ": " + getMessage(), this);
    }
}
