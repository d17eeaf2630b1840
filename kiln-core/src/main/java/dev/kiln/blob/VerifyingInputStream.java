package dev.kiln.blob;

import dev.kiln.oci.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes content through while hashing it, and fails at the end if it does not match the expected
 * digest and size, so a reader never silently consumes corrupted content. Reading past the expected
 * size fails at once (a blob cannot grow into an endless stream). The failure is an IOException whose
 * cause is a {@link BlobDigestMismatchException} naming the digest and {@code where} it came from.
 */
public final class VerifyingInputStream extends FilterInputStream {

    private final Digest expected;
    private final long expectedSize;
    private final String where;
    private final MessageDigest digest;
    private long size;
    private boolean verified;
    private boolean passed;

    /**
     * @param expectedSize the size the content must have, or -1 when only the digest is known
     * @param where        where the content comes from, for messages (a path, an archive entry, a URL)
     */
    public VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String where) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.where = where;
        this.digest = expected.newMessageDigest();
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            verify();
        } else {
            digest.update((byte) b);
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            verify();
        } else if (n > 0) {
            digest.update(b, off, n);
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // hashing cannot rewind
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void count(int n) throws IOException {
        size += n;
        if (expectedSize >= 0 && size > expectedSize) {
            throw failure("blob " + expected + " in " + where + " is larger than its expected " + expectedSize + " bytes");
        }
    }

    private void verify() throws IOException {
        if (verified) {
            return;
        }
        verified = true;
        if (expectedSize >= 0 && size != expectedSize) {
            throw failure("blob " + expected + " in " + where + " is truncated: " + size + " of " + expectedSize + " bytes");
        }
        Digest actual = Digest.of(expected.algorithm(), digest);
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
        return size;
    }
}
