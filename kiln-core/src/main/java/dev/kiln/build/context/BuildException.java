package dev.kiln.build.context;

import dev.kiln.KilnException;

/** A build that cannot go on: bad Dockerfile input (exit 2) or a failed step (exit 1). */
public class BuildException extends KilnException {

    private static final long serialVersionUID = 1L;

    /** Bad input: a missing COPY source, an unknown stage, a bad flag value. */
    public BuildException(String message) {
        super(Kind.BAD_INPUT, message);
    }

    public BuildException(Kind kind, String message) {
        super(kind, message);
    }

    public BuildException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
