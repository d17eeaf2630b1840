package dev.kiln.squash;

import dev.kiln.tar.Compression;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerWriteOptions;
import dev.kiln.tar.LayerWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** A layer holding one sparse file, written without materialising its holes in memory. */
final class SparseLayers {

    private SparseLayers() {
    }

    static byte[] write(LayerEntry sparse, byte[] data, long dataOffset) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LayerWriter writer = LayerWriter.open(out, Compression.GZIP, LayerWriteOptions.DEFAULT)) {
            writer.add(sparse, new InputStream() {
                long pos;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (pos >= sparse.size()) {
                        return -1;
                    }
                    int n = (int) Math.min(len, sparse.size() - pos);
                    java.util.Arrays.fill(b, off, off + n, (byte) 0);
                    long start = Math.max(pos, dataOffset);
                    long end = Math.min(pos + n, dataOffset + data.length);
                    for (long p = start; p < end; p++) {
                        b[off + (int) (p - pos)] = data[(int) (p - dataOffset)];
                    }
                    pos += n;
                    return n;
                }
            });
            writer.finish();
        }
        return out.toByteArray();
    }
}
