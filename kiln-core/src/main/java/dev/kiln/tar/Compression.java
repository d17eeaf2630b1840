package dev.kiln.tar;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * How a layer's tar stream is stored: as is, gzip or zstd. Detection reads magic bytes; compression
 * uses both cores (parallel deflate for gzip, zstd's own workers for zstd).
 */
public enum Compression {
    NONE(0, 0),
    GZIP(6, 9),
    ZSTD(3, 19);

    /** Level that means "this codec's default". */
    public static final int DEFAULT_LEVEL = -1;

    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};

    private final int defaultLevel;
    private final int maxLevel;

    Compression(int defaultLevel, int maxLevel) {
        this.defaultLevel = defaultLevel;
        this.maxLevel = maxLevel;
    }

    /**
     * Which compression the stream starts with, from its magic bytes; the stream must support
     * mark/reset and is left where it was. Anything that is neither gzip nor zstd is taken as plain tar.
     */
    public static Compression detect(InputStream in) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("Compression.detect needs a stream that supports mark/reset");
        }
        byte[] head = new byte[4];
        in.mark(head.length);
        int n = 0;
        try {
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } finally {
            in.reset();
        }
        if (startsWith(head, n, ZSTD_MAGIC)) {
            return ZSTD;
        }
        if (startsWith(head, n, GZIP_MAGIC)) {
            return GZIP;
        }
        return NONE;
    }

    /**
     * Names a compression kiln does not read (xz, bzip2), from the first bytes of a stream, or
     * returns null. Used to give a clear error instead of "not a tar archive".
     */
    static String unsupportedFormat(byte[] head, int length) {
        if (startsWith(head, length, new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0})) {
            return "xz";
        }
        if (startsWith(head, length, new byte[] {'B', 'Z', 'h'})) {
            return "bzip2";
        }
        return null;
    }

    private static boolean startsWith(byte[] head, int length, byte[] magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** A stream of the uncompressed bytes; closing it closes {@code in}. */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GzipDecodingInputStream(in);
            case ZSTD -> new ZstdInputStreamNoFinalizer(in);
        };
    }

    /**
     * A stream that compresses into {@code out}; closing it finishes the compressed stream and closes
     * {@code out}. {@code level} is the codec's level, or {@link #DEFAULT_LEVEL}.
     */
    public OutputStream compress(OutputStream out, int level) throws IOException {
        int effective = effectiveLevel(level);
        int threads = Runtime.getRuntime().availableProcessors();
        return switch (this) {
            case NONE -> new PassThrough(out);
            case GZIP -> new ParallelGzipOutputStream(out, effective, threads);
            case ZSTD -> {
                ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(out, effective);
                zstd.setChecksum(true);
                if (threads > 1) {
                    zstd.setWorkers(threads);
                }
                yield zstd;
            }
        };
    }

    /** The level used for {@code level}, checked against this codec's range. */
    public int effectiveLevel(int level) {
        if (level == DEFAULT_LEVEL) {
            return defaultLevel;
        }
        if (this == NONE) {
            return 0;
        }
        int min = this == ZSTD ? 1 : 0;
        if (level < min || level > maxLevel) {
            throw new IllegalArgumentException(name().toLowerCase(Locale.ROOT) + " level must be between "
                    + min + " and " + maxLevel + ", not " + level);
        }
        return level;
    }

    /** The media-type suffix ({@code "+gzip"}, {@code "+zstd"}, or {@code ""}). */
    public String mediaTypeSuffix() {
        return switch (this) {
            case NONE -> "";
            case GZIP -> "+gzip";
            case ZSTD -> "+zstd";
        };
    }

    /** Parses {@code none}, {@code gzip} or {@code zstd} (any case). */
    public static Compression parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown compression '" + name + "' (expected none, gzip or zstd)");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** FilterOutputStream writes byte by byte; this one passes arrays through. */
    private static final class PassThrough extends FilterOutputStream {
        PassThrough(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }
    }
}
