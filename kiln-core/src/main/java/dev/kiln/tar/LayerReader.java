package dev.kiln.tar;

import dev.kiln.blob.DigestingInputStream;
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
 * <p>Closing the reader closes the input stream.
 */
public final class LayerReader implements AutoCloseable {

    private final InputStream source;
    private final Compression compression;
    private final DigestingInputStream raw;
    private final DigestingInputStream tarBytes;
    private final ReadAheadInputStream readAhead;
    private final TarStreamReader tar;
    private LayerEntry current;
    private LayerDigests digests;
    private boolean closed;

    private LayerReader(InputStream in) throws IOException, LayerFormatException {
        this.source = in;
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, 64 * 1024);
        this.compression = Compression.detect(buffered);
        if (compression == Compression.NONE) {
            rejectUnsupported(buffered);
        }
        this.raw = new DigestingInputStream(buffered);
        if (compression == Compression.NONE) {
            this.readAhead = null;
            this.tarBytes = raw;
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
        this.tar = new TarStreamReader(tarBytes);
    }

    /** Opens a layer in any supported compression (none, gzip, zstd). */
    public static LayerReader open(InputStream in) throws IOException, LayerFormatException {
        return new LayerReader(in);
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
                }
                digests = new LayerDigests(raw.digest(), raw.size(),
                        compression == Compression.NONE ? raw.digest() : tarBytes.digest(), tarBytes.size(),
                        compression);
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
