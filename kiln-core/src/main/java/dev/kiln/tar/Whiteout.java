package dev.kiln.tar;

/**
 * How an entry changes the layers below it (OCI image-spec, "Whiteouts"): not at all, by deleting one
 * path ({@code dir/.wh.NAME}), or by hiding everything a directory held below ({@code dir/.wh..wh..opq}).
 */
public enum Whiteout {
    /** An ordinary entry. */
    NONE,
    /** {@code .wh.NAME}: the path NAME in the same directory is deleted. */
    FILE,
    /** {@code .wh..wh..opq}: the directory's children from lower layers are hidden. */
    OPAQUE
}
