package dev.kiln.tar;

/**
 * One stretch of real data in a sparse file: {@code length} bytes at logical {@code offset}. Everything
 * between regions (and after the last, up to the file's size) is a hole that reads as zeros.
 */
public record SparseRegion(long offset, long length) {

    public SparseRegion {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative sparse region " + offset + "+" + length);
        }
    }

    public long end() {
        return offset + length;
    }
}
