package dev.kiln.analysis;

/** How a layer changed a path, as the interactive view colours it. */
public enum Change {
    UNCHANGED, ADDED, MODIFIED, REMOVED
}
