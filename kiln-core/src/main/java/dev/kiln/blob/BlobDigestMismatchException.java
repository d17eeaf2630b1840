package dev.kiln.blob;

import dev.kiln.KilnException;
import dev.kiln.oci.Digest;
import java.util.Optional;

/**
 * Content that does not match the digest (or size) it is stored or described under: a corrupted
 * store, a tampered archive, a lying registry. Streams cannot throw it directly, so verifying
 * streams throw an {@link java.io.IOException} with this as its cause; {@link #in} finds it again.
 */
public class BlobDigestMismatchException extends KilnException {

    private static final long serialVersionUID = 1L;

    private final Digest expected;

    public BlobDigestMismatchException(Digest expected, String message) {
        super(Kind.BAD_INPUT, message);
        this.expected = expected;
    }

    /** The digest the content should have had. */
    public Digest expected() {
        return expected;
    }

    /** The mismatch somewhere in a cause chain, if that is what went wrong. */
    public static Optional<BlobDigestMismatchException> in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BlobDigestMismatchException mismatch) {
                return Optional.of(mismatch);
            }
        }
        return Optional.empty();
    }
}
