package dev.kiln.tar;

import java.io.IOException;

/**
 * Thrown from inside streams (decompressors, entry content) where only an {@link IOException} can
 * travel. It carries the {@link LayerFormatException} so that callers, and the command line's error
 * handler, still see bad input rather than an I/O failure.
 */
public final class CorruptStreamException extends IOException {

    private static final long serialVersionUID = 1L;

    public CorruptStreamException(String message) {
        super(message, new LayerFormatException(message));
    }

    public CorruptStreamException(String message, Throwable detail) {
        super(message, new LayerFormatException(message, detail));
    }

    /** The bad-input exception this stream error stands for. */
    public LayerFormatException toFormatException() {
        return (LayerFormatException) getCause();
    }
}
