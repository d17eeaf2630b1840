package dev.kiln.blob;

import dev.kiln.oci.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes and counts the bytes read through it. {@link #digest()} covers exactly what was read; callers
 * that verify must read to the end first (see {@link #drain()}).
 */
public final class DigestingInputStream extends FilterInputStream {

    private final MessageDigest digest;
    private final String algorithm;
    private long size;
    private Digest result;

    public DigestingInputStream(InputStream in) {
        this(in, Digest.SHA256);
    }

    public DigestingInputStream(InputStream in, String algorithm) {
        super(in);
        this.algorithm = algorithm;
        this.digest = Digest.messageDigestFor(algorithm);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update((byte) b);
            size++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            digest.update(b, off, n);
            size += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return SkipByReading.skip(this, n); // skipped bytes must still be hashed
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // Not supported: a reset would hash bytes twice.
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /** Reads and discards the rest of the stream, so that the digest covers all of it. */
    public void drain() throws IOException {
        byte[] buffer = new byte[65536];
        while (read(buffer, 0, buffer.length) >= 0) {
            // keep reading
        }
    }

    public long size() {
        return size;
    }

    /** The digest of everything read; ends hashing, so call it once, after the last read. */
    public Digest digest() {
        if (result == null) {
            result = Digest.of(algorithm, digest);
        }
        return result;
    }
}
