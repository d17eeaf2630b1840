package dev.kiln.squash;

import dev.kiln.tar.LayerDigests;
import java.util.List;

/**
 * The merged layer and what was read to make it.
 *
 * @param merged digests and sizes of the new layer
 * @param range  each squashed layer as read (bottom first): stored and uncompressed sizes
 * @param lower  each kept lower layer as read (bottom first)
 * @param stats  what happened to the entries
 */
public record MergeResult(LayerDigests merged, List<LayerDigests> range, List<LayerDigests> lower, MergeStats stats) {

    public MergeResult {
        range = List.copyOf(range);
        lower = List.copyOf(lower);
    }
}
