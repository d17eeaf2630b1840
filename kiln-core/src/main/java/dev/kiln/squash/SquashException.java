package dev.kiln.squash;

import dev.kiln.KilnException;

/** A squash that cannot be done as asked: a bad range, or layers whose merge would change the tree. */
public final class SquashException extends KilnException {

    private static final long serialVersionUID = 1L;

    public SquashException(Kind kind, String message) {
        super(kind, message);
    }

    /** The request or the image is at fault (exit 2). */
    public static SquashException badInput(String message) {
        return new SquashException(Kind.BAD_INPUT, message);
    }
}
