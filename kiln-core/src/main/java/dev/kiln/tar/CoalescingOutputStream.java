package dev.kiln.tar;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Gathers small writes (tar headers, padding) into large ones before they reach a codec, where each
 * call can cost a native transition. Unlike BufferedOutputStream, {@link #flush()} never reaches the
 * codec: flushing zstd or deflate mid-stream would change the compressed bytes.
 */
final class CoalescingOutputStream extends OutputStream {

    private final OutputStream out;
    private final byte[] buffer;
    private int count;

    CoalescingOutputStream(OutputStream out, int size) {
        this.out = out;
        this.buffer = new byte[size];
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buffer.length) {
            drain();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len >= buffer.length) {
            drain();
            out.write(b, off, len);
            return;
        }
        if (len > buffer.length - count) {
            drain();
        }
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    /** Hands buffered bytes on, without flushing the stream below. */
    void drain() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
    }

    @Override
    public void close() throws IOException {
        drain();
        out.close();
    }
}
