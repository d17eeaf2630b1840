package dev.kiln.lint;

import dev.kiln.KilnException;

/** A configuration file or setting kiln cannot use: names the file and key (exit 2). */
public class LintConfigException extends KilnException {

    private static final long serialVersionUID = 1L;

    public LintConfigException(String message) {
        super(Kind.BAD_INPUT, message);
    }
}
