package dev.kiln.tar;

/**
 * The whiteout naming rules of the OCI image-spec: a file {@code .wh.NAME} deletes NAME from the
 * layers below, and {@code .wh..wh..opq} in a directory makes that directory opaque. Paths here are
 * the normalised relative paths of {@link LayerEntry}; the root directory is {@code ""}.
 */
public final class Whiteouts {

    /** Prefix of every whiteout file name. */
    public static final String PREFIX = ".wh.";
    /** Name of the opaque-directory marker. */
    public static final String OPAQUE_MARKER = ".wh..wh..opq";
    /** Prefix reserved by the spec for whiteout meta files (the opaque marker is one of them). */
    public static final String META_PREFIX = ".wh..wh.";

    private Whiteouts() {
    }

    /** How the entry at this path changes lower layers. */
    public static Whiteout classify(String path) {
        String name = baseName(path);
        if (!name.startsWith(PREFIX)) {
            return Whiteout.NONE;
        }
        if (name.equals(OPAQUE_MARKER)) {
            return Whiteout.OPAQUE;
        }
        return Whiteout.FILE;
    }

    /**
     * The path a whiteout acts on: for {@code a/.wh.b} it is {@code a/b}; for {@code a/.wh..wh..opq}
     * it is the directory {@code a}. Returns the path itself for an ordinary entry.
     */
    public static String target(String path) {
        Whiteout kind = classify(path);
        String parent = parent(path);
        if (kind == Whiteout.OPAQUE) {
            return parent;
        }
        if (kind == Whiteout.FILE) {
            return join(parent, baseName(path).substring(PREFIX.length()));
        }
        return path;
    }

    /** The whiteout entry path that deletes {@code target}: {@code a/b} gives {@code a/.wh.b}. */
    public static String whiteoutPath(String target) {
        if (target.isEmpty()) {
            throw new IllegalArgumentException("the root directory cannot be whited out");
        }
        return join(parent(target), PREFIX + baseName(target));
    }

    /** The marker entry path that makes {@code directory} opaque ({@code ""} for the root). */
    public static String opaquePath(String directory) {
        return join(directory, OPAQUE_MARKER);
    }

    /** The last path component ({@code "c"} for {@code a/b/c}). */
    public static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** Everything before the last component ({@code "a/b"} for {@code a/b/c}, {@code ""} for {@code c}). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String join(String directory, String name) {
        return directory.isEmpty() ? name : directory + "/" + name;
    }
}
