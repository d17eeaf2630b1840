package dev.kiln.tar;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/** Turns the stored regions of a sparse entry back into the logical file: data where stored, zeros in holes. */
final class SparseExpandingInputStream extends InputStream {

    private final InputStream stored;
    private final List<SparseRegion> regions;
    private final long realSize;
    private long position;
    private int region;

    SparseExpandingInputStream(InputStream stored, List<SparseRegion> regions, long realSize) {
        this.stored = stored;
        this.regions = regions;
        this.realSize = realSize;
    }

    /** Rejects maps that overlap, run backwards, pass the real size or disagree with the stored size. */
    static void check(List<SparseRegion> regions, long realSize, long storedSize, String context)
            throws CorruptStreamException {
        long end = 0;
        long data = 0;
        for (SparseRegion r : regions) {
            if (r.offset() < end) {
                throw new CorruptStreamException(context + ": sparse regions overlap or are out of order");
            }
            end = r.end();
            if (end > realSize || end < 0) {
                throw new CorruptStreamException(context + ": sparse region ends past the file size " + realSize);
            }
            data += r.length();
        }
        if (data != storedSize) {
            throw new CorruptStreamException(context + ": sparse map covers " + data + " bytes but the entry stores "
                    + storedSize);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (position >= realSize) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        while (region < regions.size() && position >= regions.get(region).end()) {
            region++;
        }
        long limit = realSize - position;
        if (region < regions.size()) {
            SparseRegion r = regions.get(region);
            if (position >= r.offset()) {
                int n = stored.read(b, off, (int) Math.min(len, Math.min(limit, r.end() - position)));
                if (n < 0) {
                    throw new CorruptStreamException("sparse entry ends before its map says");
                }
                position += n;
                return n;
            }
            limit = r.offset() - position;
        }
        int n = (int) Math.min(len, limit);
        Arrays.fill(b, off, off + n, (byte) 0);
        position += n;
        return n;
    }
}
