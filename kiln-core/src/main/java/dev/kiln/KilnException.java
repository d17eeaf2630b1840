package dev.kiln;

/**
 * Root of kiln's checked exception families ({@code ImageFormatException}, {@code RegistryException},
 * {@code DockerfileParseException}, ...). The {@link Kind} lets the command line choose an exit code
 * without knowing every family: bad input is the caller's to fix, a failure is the world's.
 */
public abstract class KilnException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Whose fault it is, which decides the exit code (2 for bad input, 1 for a failure). */
    public enum Kind {
        /** Malformed or unsafe input, an unknown reference, a file that does not parse. */
        BAD_INPUT,
        /** The input was fine but the work failed: a build step, a registry, a gate. */
        FAILURE
    }

    private final Kind kind;

    protected KilnException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    protected KilnException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
