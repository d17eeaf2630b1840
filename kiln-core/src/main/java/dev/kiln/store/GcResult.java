package dev.kiln.store;

/**
 * What a garbage collection removed.
 *
 * @param blobs      unreferenced blobs deleted
 * @param blobBytes  their bytes
 * @param temps      temp files of interrupted writes deleted
 * @param tempBytes  their bytes
 * @param layerDirs  unpacked-layer cache directories deleted
 */
public record GcResult(int blobs, long blobBytes, int temps, long tempBytes, int layerDirs) {

    public long totalBytes() {
        return blobBytes + tempBytes;
    }
}
