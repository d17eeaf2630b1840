package dev.kiln.build.run;

import dev.kiln.KilnException;

/** The sandbox could not be set up or torn down (a missing runtime, a refused mount, a bad spec). */
public class SandboxException extends KilnException {

    private static final long serialVersionUID = 1L;

    public SandboxException(Kind kind, String message) {
        super(kind, message);
    }

    public SandboxException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
