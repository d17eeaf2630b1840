package dev.kiln.ref;

import dev.kiln.KilnException;

/** An image reference or transport string that does not parse; the message quotes it and says why. */
public class InvalidReferenceException extends KilnException {

    private static final long serialVersionUID = 1L;

    public InvalidReferenceException(String reference, String why) {
        super(Kind.BAD_INPUT, "invalid image reference '" + reference + "': " + why);
    }
}
