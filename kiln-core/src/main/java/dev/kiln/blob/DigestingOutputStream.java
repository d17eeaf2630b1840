package dev.kiln.blob;

import dev.kiln.oci.Digest;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Passes bytes through while hashing and counting them, so a blob's digest and size come out of the
 * same pass that writes it. Closing closes the wrapped stream.
 */
public final class DigestingOutputStream extends FilterOutputStream {

    private final MessageDigest digest;
    private final String algorithm;
    private long size;
    private Digest result;

    public DigestingOutputStream(OutputStream out) {
        this(out, Digest.SHA256);
    }

    public DigestingOutputStream(OutputStream out, String algorithm) {
        super(out);
        this.algorithm = algorithm;
        this.digest = Digest.messageDigestFor(algorithm);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        size += len;
    }

    /** Bytes written so far. */
    public long size() {
        return size;
    }

    /** The digest of everything written; ends hashing, so call it once, after the last write. */
    public Digest digest() {
        if (result == null) {
            result = Digest.of(algorithm, digest);
        }
        return result;
    }
}
