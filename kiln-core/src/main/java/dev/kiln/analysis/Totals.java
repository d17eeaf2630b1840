package dev.kiln.analysis;

/**
 * Where the image's bytes go.
 *
 * @param compressedBytes   sum of the layer blobs as stored (what a pull downloads)
 * @param uncompressedBytes sum of the layer tars
 * @param contentBytes      content bytes of all regular files of all layers
 * @param visibleBytes      content bytes the final filesystem shows (each hardlinked file once)
 * @param reclaimableBytes  content bytes present in some layer but deleted or replaced later:
 *                          {@code contentBytes - visibleBytes}
 * @param files             regular files, links and other non-directories in the final filesystem
 * @param directories       directories in the final filesystem (the root aside)
 */
public record Totals(long compressedBytes, long uncompressedBytes, long contentBytes, long visibleBytes,
        long reclaimableBytes, long files, long directories) {

    /** Reclaimable bytes as a ratio of the content bytes (0 for an empty image). */
    public double reclaimableRatio() {
        return contentBytes == 0 ? 0 : (double) reclaimableBytes / contentBytes;
    }
}
