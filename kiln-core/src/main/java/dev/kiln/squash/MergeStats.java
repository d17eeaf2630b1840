package dev.kiln.squash;

/**
 * What the merge did with the range's entries.
 *
 * @param entriesRead        tar entries of the range, whiteouts included
 * @param entriesWritten     entries of the merged layer, kept whiteouts included
 * @param filesDropped       regular files left out (overwritten or deleted later)
 * @param bytesDropped       their content bytes (data bytes for sparse files)
 * @param whiteoutsRead      whiteouts and opaque markers of the range (applied, then left out)
 * @param whiteoutsKept      whiteouts and opaque markers still needed against the kept lower layers
 * @param hardlinksRewritten hardlinks whose target moved, or that became the file itself
 * @param lowerFilesCopied   hardlinks to a kept lower layer's file whose name the range changed, which
 *                           now carry a copy of that file
 */
public record MergeStats(long entriesRead, long entriesWritten, long filesDropped, long bytesDropped,
        long whiteoutsRead, long whiteoutsKept, long hardlinksRewritten,
        long lowerFilesCopied) {
}
