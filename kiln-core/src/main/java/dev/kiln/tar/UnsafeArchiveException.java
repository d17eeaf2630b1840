package dev.kiln.tar;

import dev.kiln.KilnException;

/**
 * An archive entry that would write outside the extraction root or do something the caller did not
 * allow (a device node, a link through a symlink). The message names the entry and the reason.
 */
public final class UnsafeArchiveException extends KilnException {

    private static final long serialVersionUID = 1L;

    private final String entry;

    public UnsafeArchiveException(String entry, String reason) {
        super(Kind.BAD_INPUT, "unsafe archive entry '" + entry + "': " + reason);
        this.entry = entry;
    }

    /** The entry's path as it appears in the archive. */
    public String entry() {
        return entry;
    }
}
