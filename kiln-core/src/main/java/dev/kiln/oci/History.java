package dev.kiln.oci;

import java.time.Instant;

/**
 * One step of an image's history: what made a layer (or, with {@code emptyLayer}, a config-only
 * change such as {@code ENV}).
 */
public record History(Instant created, String createdBy, String author, String comment, boolean emptyLayer) {

    public static History of(Instant created, String createdBy) {
        return new History(created, createdBy, null, null, false);
    }

    public static History emptyLayer(Instant created, String createdBy) {
        return new History(created, createdBy, null, null, true);
    }

    public History withComment(String newComment) {
        return new History(created, createdBy, author, newComment, emptyLayer);
    }
}
