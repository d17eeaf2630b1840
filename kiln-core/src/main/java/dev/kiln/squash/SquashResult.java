package dev.kiln.squash;

import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;

/**
 * What a squash did, in the numbers {@code docker-squash} reports: the image's layer bytes before and
 * after, stored (compressed, what a pull transfers) and uncompressed (what unpacking writes).
 *
 * @param manifest     the new image's manifest
 * @param mergedLayer  the merged layer's descriptor
 * @param mergedDiffId its {@code diff_id}
 * @param span         which layers were merged
 * @param compressed   sum of the layer blob sizes before and after
 * @param uncompressed sum of the uncompressed layer sizes before and after
 * @param stats        what happened to the entries
 */
public record SquashResult(Descriptor manifest, Descriptor mergedLayer, Digest mergedDiffId, LayerRange.Span span,
        Sizes compressed, Sizes uncompressed, MergeStats stats) {

    /** Layer count of the new image. */
    public int layersAfter() {
        return span.count() - span.size() + 1;
    }

    /** A before/after pair of byte counts. */
    public record Sizes(long before, long after) {
        public long saved() {
            return before - after;
        }

        /** Percent of {@code before} saved (negative when the image grew). */
        public double percentSaved() {
            return before == 0 ? 0 : 100.0 * saved() / before;
        }
    }
}
