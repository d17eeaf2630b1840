package dev.kiln.store;

import dev.kiln.KilnException;

/**
 * A bare name the local store lacks, whose registry then could not supply it either: the message
 * says both, so a typo is not mistaken for a network problem. Keeps the registry failure's kind.
 */
public final class NotInStoreException extends KilnException {

    private static final long serialVersionUID = 1L;

    NotInStoreException(String name, KilnException remote) {
        super(remote.kind(), name + " is not in the local store; " + remote.getMessage(), remote);
    }
}
