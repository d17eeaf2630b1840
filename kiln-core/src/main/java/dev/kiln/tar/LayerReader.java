package dev.kiln.tar;

import dev.kiln.blob.DigestingInputStream;
import dev.kiln.blob.SkipByReading;
import dev.kiln.blob.VerifyingInputStream;
import dev.kiln.oci.Digest;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a layer entry by entry, whatever its compression (detected from its first bytes). Both
 * digests are computed while reading: once {@link #next()} has returned null the whole stream has been
 * consumed and {@link #digests()} gives the layer digest and the {@code diff_id}, so callers verify a
 * layer in the same pass that reads it. Decompression runs on a second thread.
 *
 * <p>When the compressed bytes already pass through a {@link VerifyingInputStream} (every
 * {@code ImageSource} blob does), they are not hashed a second time: the reader counts them, drains
 * the verifying stream to its end (where it fails on a mismatch) and reports its expected digest only
 * once it has passed. Each blob is still checked against its digest exactly once.
 *
 * <p>Closing the reader closes the input stream.
 */
public final class LayerReader implements AutoCloseable {

    private final InputStream source;
    private final Compression compression;
    private final VerifyingInputStream verified;
    private final DigestingInputStream hashed;
    private final Counting raw;
    private final DigestingInputStream tarBytes;
    private final ReadAheadInputStream readAhead;
    private final TarStreamReader tar;
    private LayerEntry current;
    private LayerDigests digests;
    private boolean closed;

    private LayerReader(InputStream in, VerifyingInputStream verified) throws IOException, LayerFormatException {
        this.source = in;
        this.verified = verified;
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, 64 * 1024);
        this.compression = Compression.detect(buffered);
        if (compression == Compression.NONE) {
            rejectUnsupported(buffered);
        }
        this.hashed = verified == null ? new DigestingInputStream(buffered) : null;
        this.raw = new Counting(hashed != null ? hashed : buffered);
        if (compression == Compression.NONE) {
            // The stored bytes are the tar: one digest serves as both.
            this.readAhead = null;
            this.tarBytes = null;
        } else {
            this.readAhead = new ReadAheadInputStream(new ReadAheadInputStream.Source() {
                @Override
                public InputStream open() throws IOException {
                    return compression.decompress(new KeepOpen(raw));
                }

                @Override
                public void finish() throws IOException {
                    raw.drain(); // whatever follows the compressed stream still counts for the digest
                }
            }, "kiln-layer-decompress");
            this.tarBytes = new DigestingInputStream(readAhead);
        }
        this.tar = new TarStreamReader(tarBytes != null ? tarBytes : raw);
    }

    /**
     * Opens a layer in any supported compression (none, gzip, zstd). A {@link VerifyingInputStream}
     * is trusted for the compressed digest (see the class comment); any other stream is hashed.
     */
    public static LayerReader open(InputStream in) throws IOException, LayerFormatException {
        return new LayerReader(in, in instanceof VerifyingInputStream v ? v : null);
    }

    /**
     * Opens a layer whose compressed bytes {@code verified} checks: it is {@code in} itself or lies
     * under pass-through wrappers of it (progress counters). Null means no one verifies them: the
     * reader hashes them itself.
     */
    public static LayerReader open(InputStream in, VerifyingInputStream verified)
            throws IOException, LayerFormatException {
        return new LayerReader(in, verified);
    }

    public Compression compression() {
        return compression;
    }

    /** The next entry, or null at the end of the layer (after which {@link #digests()} is known). */
    public LayerEntry next() throws IOException, LayerFormatException {
        if (closed) {
            throw new IllegalStateException("layer reader closed");
        }
        if (digests != null) {
            return null;
        }
        try {
            current = tar.next();
            if (current == null) {
                tar.drain();
                if (readAhead != null) {
                    // The producer finished draining the raw stream before it signalled the end.
                    tarBytes.drain();
                } else {
                    raw.drain();
                }
                Digest digest = compressedDigest();
                digests = tarBytes == null ? new LayerDigests(digest, raw.size(), digest, raw.size(), compression)
                        : new LayerDigests(digest, raw.size(), tarBytes.digest(), tarBytes.size(), compression);
            }
            return current;
        } catch (CorruptStreamException e) {
            throw e.toFormatException();
        }
    }

    /**
     * The current regular file's content: its logical bytes, holes of a sparse file as zeros. Valid
     * until the next call to {@link #next()}; unread content is skipped then.
     */
    public InputStream content() {
        if (current == null) {
            throw new IllegalStateException("no current entry");
        }
        return tar.content();
    }

    /** Both digests of the layer; only after {@link #next()} has returned null. */
    public LayerDigests digests() {
        if (digests == null) {
            throw new IllegalStateException("the layer has not been read to its end");
        }
        return digests;
    }

    /** Reads the rest of the layer (entries and all) and returns its digests. */
    public LayerDigests readToEnd() throws IOException, LayerFormatException {
        while (next() != null) {
            // content is skipped by next()
        }
        return digests;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            if (readAhead != null) {
                readAhead.close();
            }
            source.close();
        }
    }

    /** The hash of the stored bytes, or the verifier's digest once it has seen them all and passed. */
    private Digest compressedDigest() throws IOException {
        if (hashed != null) {
            return hashed.digest();
        }
        if (!verified.passed()) {
            // The verifier fails at its end on a mismatch; not passing means it never saw the end.
            throw new IOException("layer blob " + verified.expected() + " was not verified to its end ("
                    + verified.size() + " bytes read)");
        }
        return verified.expected();
    }

    private static void rejectUnsupported(InputStream in) throws IOException, LayerFormatException {
        byte[] head = new byte[6];
        in.mark(head.length);
        int n = in.readNBytes(head, 0, head.length);
        in.reset();
        String format = Compression.unsupportedFormat(head, n);
        if (format != null) {
            throw new LayerFormatException("layer is " + format + "-compressed; kiln reads uncompressed, gzip and "
                    + "zstd layers");
        }
    }

    /** Counts the stored bytes, and reads them to the end for the digest (and the verifier's check). */
    private static final class Counting extends FilterInputStream {
        private long size;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                size++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                size += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return SkipByReading.skip(this, n); // skipped bytes must pass the hash or the verifier too
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        void drain() throws IOException {
            byte[] buffer = new byte[65536];
            while (read(buffer, 0, buffer.length) >= 0) {
                // keep reading
            }
        }

        long size() {
            return size;
        }
    }

    /** The decompressor must not close the raw stream: it is drained after the compressed data ends. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void close() {
            // the reader closes the source
        }
    }
}
