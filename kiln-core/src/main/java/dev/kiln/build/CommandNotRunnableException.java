package dev.kiln.build;

import dev.kiln.KilnException;

/**
 * The command {@code kiln run} was asked to start is not in the image (exit status 127, as a shell
 * says) or is there but cannot be executed (126): found before the container starts, so these
 * are told apart from the command's own exit codes.
 */
public final class CommandNotRunnableException extends KilnException {

    private static final long serialVersionUID = 1L;

    public static final int NOT_FOUND = 127;
    public static final int NOT_EXECUTABLE = 126;

    private final int exitStatus;

    CommandNotRunnableException(int exitStatus, String message) {
        super(Kind.BAD_INPUT, message);
        this.exitStatus = exitStatus;
    }

    /** 127 when not found, 126 when not executable. */
    public int exitStatus() {
        return exitStatus;
    }
}
