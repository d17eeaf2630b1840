package dev.kiln.build.snapshot;

import dev.kiln.KilnException;

/** A root filesystem could not be prepared, compared or turned into a layer. */
public class SnapshotException extends KilnException {

    private static final long serialVersionUID = 1L;

    public SnapshotException(String message, Throwable cause) {
        super(Kind.FAILURE, message, cause);
    }

    public SnapshotException(String message) {
        super(Kind.FAILURE, message);
    }
}
