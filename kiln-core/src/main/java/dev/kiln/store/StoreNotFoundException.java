package dev.kiln.store;

import dev.kiln.KilnException;

/** A command that only reads the store was pointed at a directory that holds none. */
public final class StoreNotFoundException extends KilnException {

    private static final long serialVersionUID = 1L;

    public StoreNotFoundException(String message) {
        super(Kind.BAD_INPUT, message);
    }
}
