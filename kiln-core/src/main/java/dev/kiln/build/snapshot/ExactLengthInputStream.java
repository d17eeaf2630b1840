package dev.kiln.build.snapshot;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A file's content for a tar entry whose size was taken earlier: if the file changed length in
 * between, fail instead of writing a corrupt tar.
 */
final class ExactLengthInputStream extends FilterInputStream {

    private final String path;
    private long remaining;

    ExactLengthInputStream(InputStream in, long length, String path) {
        super(in);
        this.remaining = length;
        this.path = path;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            if (super.read() >= 0) {
                throw new IOException(path + " grew while the layer was written");
            }
            return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new IOException(path + " shrank while the layer was written");
        }
        remaining -= n;
        return n;
    }
}
