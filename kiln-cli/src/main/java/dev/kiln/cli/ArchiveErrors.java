package dev.kiln.cli;

import dev.kiln.tar.LayerFormatException;
import dev.kiln.tar.UnsafeArchiveException;

/** Names the archive a problem with its bytes came from; the library only knows the entry or the offset. */
final class ArchiveErrors {

    private ArchiveErrors() {
    }

    /**
     * {@code error} with {@code archive} in front when it is about the archive's bytes (not a tar, a
     * bad gzip CRC, an unsafe entry); anything else unchanged.
     */
    static Exception naming(Object archive, Exception error) {
        if (error instanceof UnsafeArchiveException) {
            return new BadInputException(archive + ": " + error.getMessage(), error);
        }
        LayerFormatException format = LayerFormatException.of(error);
        if (format == null || format.getMessage().startsWith(archive + ": ")) {
            return error;
        }
        return format.in(archive.toString());
    }
}
