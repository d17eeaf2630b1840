package dev.kiln.tag;

import dev.kiln.KilnException;

/** A tag that cannot be computed or used: bad version, bad build number, a forbidden overwrite. */
public final class TagException extends KilnException {

    private static final long serialVersionUID = 1L;

    public TagException(Kind kind, String message) {
        super(kind, message);
    }

    public static TagException badInput(String message) {
        return new TagException(Kind.BAD_INPUT, message);
    }
}
