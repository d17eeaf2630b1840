package dev.kiln.registry.auth;

import dev.kiln.KilnException;

/**
 * A credential store could not be read or written: a malformed config.json, a failing credential
 * helper, a bad {@code KILN_REGISTRY_AUTH}. Messages name the file or helper and never the secret.
 */
public final class CredentialException extends KilnException {

    private static final long serialVersionUID = 1L;

    public CredentialException(String message) {
        super(Kind.BAD_INPUT, message);
    }

    public CredentialException(Kind kind, String message) {
        super(kind, message);
    }
}
