package dev.kiln.cli;

import dev.kiln.KilnException;

/** A command's own "your input is wrong" error (exit 2), e.g. to name the file a library error came from. */
final class BadInputException extends KilnException {

    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(Kind.BAD_INPUT, message);
    }

    BadInputException(String message, Throwable cause) {
        super(Kind.BAD_INPUT, message, cause);
    }
}
