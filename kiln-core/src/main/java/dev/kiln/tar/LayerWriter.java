package dev.kiln.tar;

import dev.kiln.blob.DigestingOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes a layer: entries go into a tar stream, which is hashed (the {@code diff_id}), compressed,
 * hashed again (the layer digest) and written to the caller's stream, all in one pass. The caller
 * keeps ownership of {@code out}: {@link #finish()} flushes it but does not close it.
 */
public final class LayerWriter implements AutoCloseable {

    private final Compression compression;
    private final LayerWriteOptions options;
    private final Shield shield;
    private final DigestingOutputStream compressed;
    private final OutputStream compressor;
    private final DigestingOutputStream uncompressed;
    private final CoalescingOutputStream tarBuffer;
    private final TarStreamWriter tar;
    private LayerDigests result;
    private boolean closed;

    private LayerWriter(OutputStream out, Compression compression, LayerWriteOptions options) throws IOException {
        this.compression = Objects.requireNonNull(compression, "compression");
        this.options = Objects.requireNonNull(options, "options");
        this.shield = new Shield(out);
        this.compressed = new DigestingOutputStream(shield);
        if (compression == Compression.NONE) {
            this.compressor = compressed;
            this.uncompressed = compressed;
        } else {
            this.compressor = compression.compress(compressed, options.compressionLevel());
            this.uncompressed = new DigestingOutputStream(compressor);
        }
        // Digests are updated in large chunks too, which is where SHA-256 is fastest.
        this.tarBuffer = new CoalescingOutputStream(uncompressed, 256 * 1024);
        this.tar = new TarStreamWriter(tarBuffer);
    }

    public static LayerWriter open(OutputStream out, Compression compression, LayerWriteOptions options)
            throws IOException {
        return new LayerWriter(out, compression, options);
    }

    /**
     * Adds an entry after applying the options (mtime clamp, owners). {@code content} supplies the
     * logical bytes of a regular file (holes included for a sparse one) and must hold exactly
     * {@code entry.size()} bytes; it is ignored for other types and may be null for them.
     */
    public void add(LayerEntry entry, InputStream content) throws IOException {
        if (result != null || closed) {
            throw new IllegalStateException("layer already finished");
        }
        LayerEntry written = options.apply(entry);
        InputStream data = content;
        if (data == null) {
            if (entry.type() == EntryType.FILE && entry.size() > 0) {
                throw new IllegalArgumentException("entry " + entry.path() + " needs content");
            }
            data = InputStream.nullInputStream();
        }
        tar.write(written, data);
    }

    /** Adds an entry without content (directories, links, devices, whiteouts, empty files). */
    public void add(LayerEntry entry) throws IOException {
        add(entry, null);
    }

    /** Ends the tar stream and the compression, flushes the caller's stream and returns both digests. */
    public LayerDigests finish() throws IOException {
        if (result != null) {
            return result;
        }
        tar.finish();
        tarBuffer.drain();
        compressor.close(); // finishes the codec; the shield keeps the caller's stream open
        shield.flush();
        result = new LayerDigests(compressed.digest(), compressed.size(),
                compression == Compression.NONE ? compressed.digest() : uncompressed.digest(),
                uncompressed.size(), compression);
        closed = true;
        return result;
    }

    /** Abandons an unfinished layer: stops the compressor's threads and writes nothing more. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        shield.discard = true;
        try {
            compressor.close();
        } catch (IOException | RuntimeException e) {
            // nothing more is written; resources are released either way
        }
    }

    /** Keeps the caller's stream open, and drops writes once the layer is abandoned. */
    private static final class Shield extends FilterOutputStream {
        volatile boolean discard;

        Shield(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (!discard) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!discard) {
                out.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!discard) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
