package dev.kiln.analysis.gate;

import dev.kiln.KilnException;

/** A CI rule file that cannot be read: the message names the file, the line and the rule. */
public final class GateConfigException extends KilnException {

    private static final long serialVersionUID = 1L;

    public GateConfigException(String message) {
        super(Kind.BAD_INPUT, message);
    }

    public GateConfigException(String message, Throwable cause) {
        super(Kind.BAD_INPUT, message, cause);
    }
}
