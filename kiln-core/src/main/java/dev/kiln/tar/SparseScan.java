package dev.kiln.tar;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides from a file's content whether to store it as a sparse entry, and where its data is. Java
 * cannot ask the file system for holes, so zero runs stand in for them: that also keeps the decision
 * reproducible (the same bytes give the same entry, whether or not a copy kept the holes). Only big,
 * mostly-zero files qualify (think {@code /var/log/lastlog}); a cheap sample rules out the rest
 * without reading them.
 */
public final class SparseScan {

    static final long MIN_SIZE = 1024 * 1024;
    private static final int BLOCK = 4096;
    private static final long MIN_HOLE = 64 * 1024;
    private static final int SAMPLES = 16;
    private static final byte[] ZEROS = new byte[1024 * 1024];

    private SparseScan() {
    }

    /**
     * The data regions (ending with the {@code (size, 0)} marker) when the file is worth storing sparse,
     * else null. Every writer of layers from a directory asks this, so a file gets the same entry
     * whether {@code kiln import} or a build step's snapshot finds it.
     */
    public static List<SparseRegion> regions(Path file, long size) throws IOException {
        if (size < MIN_SIZE) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (!sampleLooksSparse(ch, size)) {
                return null;
            }
            return scan(ch, size);
        }
    }

    private static boolean sampleLooksSparse(FileChannel ch, long size) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        int zero = 0;
        long blocks = size / BLOCK;
        for (int i = 0; i < SAMPLES; i++) {
            long at = (blocks * i / SAMPLES) * BLOCK;
            block.clear();
            readFully(ch, block, at);
            if (isZero(block.array(), block.position())) {
                zero++;
            }
        }
        return zero * 2 >= SAMPLES;
    }

    private static List<SparseRegion> scan(FileChannel ch, long size) throws IOException {
        List<SparseRegion> regions = new ArrayList<>();
        ByteBuffer chunk = ByteBuffer.allocate(1024 * 1024);
        long dataStart = -1;
        long zeroStart = -1;
        long holes = 0;
        long position = 0;
        while (position < size) {
            chunk.clear();
            int n = readFully(ch, chunk, position);
            if (n <= 0) {
                break;
            }
            for (int off = 0; off < n; off += BLOCK) {
                int len = Math.min(BLOCK, n - off);
                long at = position + off;
                if (isZero(chunk.array(), off, len)) {
                    if (zeroStart < 0) {
                        zeroStart = at;
                    }
                } else {
                    if (zeroStart >= 0 && at - zeroStart >= MIN_HOLE) {
                        if (dataStart >= 0) {
                            regions.add(new SparseRegion(dataStart, zeroStart - dataStart));
                        }
                        holes += at - zeroStart;
                        dataStart = at;
                    } else if (dataStart < 0) {
                        dataStart = zeroStart >= 0 ? zeroStart : at;
                    }
                    zeroStart = -1;
                }
            }
            position += n;
        }
        long end = position;
        if (zeroStart >= 0 && end - zeroStart >= MIN_HOLE) {
            if (dataStart >= 0) {
                regions.add(new SparseRegion(dataStart, zeroStart - dataStart));
            }
            holes += end - zeroStart;
        } else if (dataStart >= 0) {
            regions.add(new SparseRegion(dataStart, end - dataStart));
        } else if (zeroStart >= 0) {
            regions.add(new SparseRegion(zeroStart, end - zeroStart)); // a short file of zeros: nothing to gain
        }
        if (end != size || holes < Math.max(MIN_SIZE, size / 2)) {
            return null;
        }
        regions.add(new SparseRegion(size, 0));
        return regions;
    }

    private static int readFully(FileChannel ch, ByteBuffer buffer, long at) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = ch.read(buffer, at + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static boolean isZero(byte[] b, int len) {
        return isZero(b, 0, len);
    }

    private static boolean isZero(byte[] b, int off, int len) {
        return Arrays.mismatch(b, off, off + len, ZEROS, 0, len) < 0;
    }
}
