package dev.kiln.analysis;

import java.time.Instant;

/**
 * One entry of the image history, empty layers included.
 *
 * @param layer the layer it made, or -1 for an entry that made none ({@code ENV}, {@code CMD}, ...)
 */
public record HistoryStep(int index, Instant created, String createdBy, String comment, boolean emptyLayer, int layer) {

    public String step() {
        return Steps.shorten(createdBy);
    }
}
