package dev.kiln.analysis;

import dev.kiln.KilnException;

/** An image that cannot be analysed as asked: a layer that does not match its digests, a base that is not one. */
public final class AnalysisException extends KilnException {

    private static final long serialVersionUID = 1L;

    public AnalysisException(Kind kind, String message) {
        super(kind, message);
    }

    public AnalysisException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
