package dev.kiln.analysis;

import dev.kiln.oci.Digest;
import java.time.Instant;

/**
 * One layer of an analysed image.
 *
 * @param index            0-based, bottom first
 * @param compressedSize   bytes of the blob as stored
 * @param uncompressedSize bytes of the tar (headers and padding included)
 * @param contentBytes     content bytes of its regular files
 * @param hiddenBytes      content bytes of this layer that the final filesystem does not show (reclaimable)
 * @param entries          tar entries (whiteouts included)
 * @param added            paths (directories aside) that did not exist below
 * @param modified         paths (directories aside) that existed below and were replaced
 * @param metadataOnly     of the modified, those with the same content and only mode or owner changed
 * @param removed          paths (directories aside) from the layers below that this layer deletes
 * @param createdBy        the history line that made the layer ({@code ""} when the image has none)
 * @param base             whether the layer belongs to the base image
 */
public record LayerSummary(int index, Digest digest, Digest diffId, long compressedSize, long uncompressedSize,
        long contentBytes, long hiddenBytes, int entries, int added, int modified, int metadataOnly, int removed,
        String createdBy, Instant created, String comment, boolean base) {

    /** The history line shortened the way people read it: without the {@code /bin/sh -c} and {@code #(nop)} noise. */
    public String step() {
        return Steps.shorten(createdBy);
    }
}
