package dev.kiln.blob;

import dev.kiln.oci.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes content through while hashing it, and fails at the end if it does not match the expected
 * digest and size, so a reader never silently consumes corrupted content. Reading past the expected
 * size fails at once (a blob cannot grow into an endless stream). The failure is an IOException whose
 * cause is a {@link BlobDigestMismatchException} naming the digest and {@code where} it came from.
 */
public final class VerifyingInputStream extends FilterInputStream {

    private final DigestingInputStream hashing;
    private final Digest expected;
    private final long expectedSize;
    private final String where;
    private boolean verified;
    private boolean passed;

    /**
     * @param expectedSize the size the content must have, or -1 when only the digest is known
     * @param where        where the content comes from, for messages (a path, an archive entry, a URL)
     */
    public VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String where) {
        this(new DigestingInputStream(in, expected.algorithm()), expected, expectedSize, where);
    }

    private VerifyingInputStream(DigestingInputStream hashing, Digest expected, long expectedSize, String where) {
        // hashing, counting, skip-by-read and the refusal of mark/reset are the DigestingInputStream's
        super(hashing);
        this.hashing = hashing;
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.where = where;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            verify();
        } else {
            checkSize();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            verify();
        } else if (n > 0) {
            checkSize();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        checkSize();
        if (skipped < n) {
            verify(); // a short skip by reading means the end was reached
        }
        return skipped;
    }

    private void checkSize() throws IOException {
        long size = hashing.size();
        if (expectedSize >= 0 && size > expectedSize) {
            throw failure("blob " + expected + " in " + where + " is larger than its expected " + expectedSize + " bytes");
        }
    }

    private void verify() throws IOException {
        if (verified) {
            return;
        }
        verified = true;
        long size = hashing.size();
        if (expectedSize >= 0 && size != expectedSize) {
            throw failure("blob " + expected + " in " + where + " is truncated: " + size + " of " + expectedSize + " bytes");
        }
        Digest actual = hashing.digest();
        if (!actual.equals(expected)) {
            throw failure("blob " + expected + " in " + where + " is corrupted: its content hashes to " + actual);
        }
        passed = true;
    }

    private IOException failure(String message) {
        verified = true;
        BlobDigestMismatchException mismatch = new BlobDigestMismatchException(expected, message);
        return new IOException(message, mismatch);
    }

    /** Reads the rest and verifies it; for callers that stop early but must still check. */
    public void drainAndVerify() throws IOException {
        byte[] buffer = new byte[65536];
        while (read(buffer, 0, buffer.length) >= 0) {
            // keep reading
        }
    }

    /** The digest the content must have. */
    public Digest expected() {
        return expected;
    }

    /** The size the content must have, or -1. */
    public long expectedSize() {
        return expectedSize;
    }

    /** Whether the whole content was read and matched digest and size. */
    public boolean passed() {
        return passed;
    }

    /** Bytes read so far. */
    public long size() {
        return hashing.size();
    }
}
