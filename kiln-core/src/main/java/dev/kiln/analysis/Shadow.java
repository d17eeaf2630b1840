package dev.kiln.analysis;

/** Why a record of a layer is not what the final image shows at its path. */
public enum Shadow {
    /** Still visible in the final image. */
    VISIBLE,
    /** Deleted later: a whiteout, an opaque directory, or a file or link put where its directory was. */
    DELETED,
    /** Replaced later by different content or a different kind of entry. */
    OVERWRITTEN,
    /** Copied again later with the same content, only mode or owner changed ({@code chmod}, {@code chown}). */
    METADATA_CHANGED,
    /** Copied again later with the same content and metadata. */
    COPIED_UNCHANGED;

    /** The reason a replacement gives, from what changed. */
    static Shadow ofReplacement(boolean sameContent, boolean sameMetadata) {
        if (!sameContent) {
            return OVERWRITTEN;
        }
        return sameMetadata ? COPIED_UNCHANGED : METADATA_CHANGED;
    }
}
