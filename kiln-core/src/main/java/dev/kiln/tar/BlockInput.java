package dev.kiln.tar;

import java.io.IOException;
import java.io.InputStream;

/** Buffered reading of a tar stream that knows its offset, for error messages that say where. */
final class BlockInput {

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    private long offset;

    BlockInput(InputStream in) {
        this.in = in;
    }

    /** Bytes consumed so far. */
    long offset() {
        return offset;
    }


    int readByte() throws IOException {
        if (pos == lim && !fill()) {
            return -1;
        }
        offset++;
        return buf[pos++] & 0xff;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    int readFully(byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = readSome(b, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    int readSome(byte[] b, int off, int len) throws IOException {
        if (pos < lim) {
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            offset += n;
            return n;
        }
        if (len >= buf.length) {
            int n = in.read(b, off, len);
            if (n > 0) {
                offset += n;
            }
            return n;
        }
        if (!fill()) {
            return -1;
        }
        return readSome(b, off, len);
    }

    long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n) {
            if (pos == lim && !fill()) {
                break;
            }
            int step = (int) Math.min(n - skipped, lim - pos);
            pos += step;
            offset += step;
            skipped += step;
        }
        return skipped;
    }

    /** Reads and discards everything left in the stream. */
    void drain() throws IOException {
        offset += lim - pos;
        pos = lim;
        byte[] scratch = new byte[64 * 1024];
        int n;
        while ((n = in.read(scratch, 0, scratch.length)) >= 0) {
            offset += n;
        }
    }
}
