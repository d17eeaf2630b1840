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

    /**
     * {@code error} with the Dockerfile location in front, keeping its kind, when it is about the
     * user's input: a {@link KilnException} (a user missing from the image, an image not in the store)
     * or a path that does not exist (FROM oci:/no/such). Null for other errors (a disk failure), which
     * are not the Dockerfile's doing.
     */
    public static BuildException at(String location, Exception error) {
        if (error instanceof KilnException kiln) {
            return new BuildException(kiln.kind(), location + ": " + kiln.getMessage(), error);
        }
        if (error instanceof java.nio.file.NoSuchFileException missing) {
            return new BuildException(Kind.BAD_INPUT, location + ": no such file or directory: " + missing.getFile(), error);
        }
        if (error instanceof java.nio.file.NotDirectoryException notDir) {
            return new BuildException(Kind.BAD_INPUT, location + ": not a directory: " + notDir.getFile(), error);
        }
        return null;
    }
}
