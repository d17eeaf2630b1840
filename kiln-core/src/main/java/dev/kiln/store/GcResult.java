package dev.kiln.store;

import java.util.List;

/**
 * What a garbage collection removed.
 *
 * @param blobs      unreferenced blobs deleted
 * @param blobBytes  their bytes
 * @param temps      temp files and debris directories of interrupted writes, builds and runs deleted
 * @param tempBytes  their bytes
 * @param layerDirs  unpacked-layer cache directories deleted
 * @param damaged    blobs whose content did not match their digest, deleted (only with verification)
 */
public record GcResult(int blobs, long blobBytes, int temps, long tempBytes, int layerDirs, List<DamagedBlob> damaged) {

    public GcResult {
        damaged = List.copyOf(damaged);
    }

    public GcResult(int blobs, long blobBytes, int temps, long tempBytes, int layerDirs) {
        this(blobs, blobBytes, temps, tempBytes, layerDirs, List.of());
    }

    public long totalBytes() {
        return blobBytes + tempBytes;
    }
}
