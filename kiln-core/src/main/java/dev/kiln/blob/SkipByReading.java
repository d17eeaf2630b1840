package dev.kiln.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@link InputStream#skip} for streams that must see every byte they pass over (a hash, a byte count,
 * a digest check at the end): the bytes are read through the stream's own {@code read}, never skipped
 * below it.
 */
public final class SkipByReading {

    private SkipByReading() {
    }

    /** Reads and discards up to {@code n} bytes of {@code stream}; returns how many there were. */
    public static long skip(InputStream stream, long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(65536, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int read = stream.read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }
}
