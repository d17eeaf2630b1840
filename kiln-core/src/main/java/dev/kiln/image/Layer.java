package dev.kiln.image;

import dev.kiln.KilnException;
import dev.kiln.blob.DigestingInputStream;
import dev.kiln.blob.VerifyingInputStream;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.History;
import dev.kiln.oci.MediaType;
import dev.kiln.tar.Compression;
import dev.kiln.tar.LayerFormatException;
import dev.kiln.tar.UnsafeArchiveException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * One layer of an {@link Image}: its descriptor (as stored), its {@code diff_id} (digest of the
 * uncompressed tar), and the history entry that made it, if the config says.
 *
 * @param index 0-based position in the image, bottom first
 */
public record Layer(int index, Descriptor descriptor, Digest diffId, Optional<History> history, ImageSource source) {

    public Layer {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(source, "source");
    }

    /** How the blob is compressed, from its media type (plain tar for unknown types). */
    public Compression compression() {
        return MediaType.layerEncoding(descriptor.mediaType())
                .map(e -> Compression.valueOf(e.name()))
                .orElse(Compression.NONE);
    }

    /** Stored size (compressed). */
    public long size() {
        return descriptor.size();
    }

    /** The blob as stored, verified against the descriptor at its end. */
    public InputStream openCompressed() throws IOException, KilnException {
        return source.open(descriptor);
    }

    /**
     * The uncompressed tar, verified at its end against both the descriptor (compressed digest) and the
     * {@code diff_id}. Compression is detected from the bytes, so a mislabelled layer still reads.
     */
    public InputStream openUncompressed() throws IOException, KilnException {
        InputStream compressed = new BufferedInputStream(source.open(descriptor), 1 << 16);
        boolean ok = false;
        try {
            InputStream plain = Compression.detect(compressed).decompress(compressed);
            InputStream verified = new VerifyingInputStream(plain, diffId, -1,
                    source.describe() + " layer " + descriptor.digest() + " (diff_id)");
            ok = true;
            return new ClosingBoth(verified, compressed);
        } finally {
            if (!ok) {
                compressed.close();
            }
        }
    }

    /** Reads an uncompressed layer tar. */
    @FunctionalInterface
    public interface TarReader {
        void read(InputStream tar) throws IOException, KilnException;
    }

    /**
     * Hands the uncompressed tar (verified as by {@link #openUncompressed}) to {@code reader}, and
     * names any problem with the bytes. A blob damaged in storage mostly trips the decompressor (a gzip
     * CRC) or the tar reader before its digest is checked at the end; so on such a problem the rest of
     * the blob is read, and if its digest no longer matches, that is the error: "blob sha256:.. is
     * corrupted". Otherwise the layer itself is malformed, and the error names the image, the layer's
     * index and its digest.
     */
    public void readUncompressed(TarReader reader) throws IOException, KilnException {
        InputStream compressed = new BufferedInputStream(source.open(descriptor), 1 << 16);
        try (compressed) {
            // the reader may close what it is given; the blob stays open here, to be drained on a problem
            InputStream kept = new java.io.FilterInputStream(compressed) {
                @Override
                public void close() {
                }
            };
            InputStream plain = Compression.detect(kept).decompress(kept);
            try {
                reader.read(new ClosingBoth(new VerifyingInputStream(plain, diffId, -1,
                        source.describe() + " layer " + descriptor.digest() + " (diff_id)"), kept));
            } catch (IOException | KilnException e) {
                rethrowNamed(e, compressed);
            }
        }
    }

    /** Throws {@code error}, or what it really means (see {@link #readUncompressed}). */
    private void rethrowNamed(Exception error, InputStream compressed) throws IOException, KilnException {
        LayerFormatException format = LayerFormatException.of(error);
        if (format == null && error instanceof com.github.luben.zstd.ZstdIOException) {
            format = new LayerFormatException("zstd: " + error.getMessage(), error);
        }
        if (format != null || error instanceof UnsafeArchiveException) {
            try {
                byte[] rest = new byte[1 << 16];
                while (compressed.read(rest) >= 0) {
                    // drain: at the end the digest is checked
                }
            } catch (IOException drained) {
                if (drained.getCause() instanceof KilnException) { // the blob's digest or size is off
                    drained.addSuppressed(error);
                    throw drained;
                }
                error.addSuppressed(drained); // unreadable now: report what was met first
            }
        }
        if (format != null) {
            throw format.in(source.describe() + ": layer " + index + " " + descriptor.digest());
        }
        if (error instanceof IOException io) {
            throw io;
        }
        throw (KilnException) error;
    }

    /**
     * Reads the whole layer once, verifying both digests, and returns the uncompressed size. Used where
     * no metadata records it.
     */
    public long measureUncompressed() throws IOException, KilnException {
        try (InputStream in = openUncompressed(); DigestingInputStream counting = new DigestingInputStream(in)) {
            counting.drain();
            return counting.size();
        }
    }

    /** Closes the decompressor and, underneath, the verified compressed stream (which checks its digest). */
    private static final class ClosingBoth extends java.io.FilterInputStream {
        private final InputStream compressed;

        ClosingBoth(InputStream plain, InputStream compressed) {
            super(plain);
            this.compressed = compressed;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                // The decompressor may stop at the end of its frame before the compressed stream's
                // end; drain the rest so the compressed digest is checked too.
                byte[] rest = new byte[8192];
                while (compressed.read(rest) >= 0) {
                    // verify
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            try {
                in.close();
            } finally {
                compressed.close();
            }
        }
    }
}
