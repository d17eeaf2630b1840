package dev.kiln.squash;

import dev.kiln.tar.LayerEntry;

/**
 * What the first pass keeps of one tar entry: its resolved path and what it does, not its content.
 *
 * @param ordinal   position in the layer's tar stream (every entry counts, whiteouts too)
 * @param path      the path the entry writes, or the path a whiteout deletes, or the opaque directory
 * @param kind      what the entry does to the tree
 * @param target    a hardlink's resolved target path, else null
 * @param directory the entry itself when it is a directory (its metadata may survive), else null
 */
record ScannedEntry(int ordinal, String path, Kind kind, String target, LayerEntry directory) {

    enum Kind {
        /** A directory: merges with what is below. */
        DIRECTORY,
        /** A regular file, symlink, device or fifo: replaces what is below, subtree and all. */
        NON_DIRECTORY,
        /** A hardlink to an earlier entry or a lower layer's file. */
        HARDLINK,
        /** {@code .wh.NAME}: deletes the path from lower layers. */
        WHITEOUT,
        /** {@code .wh..wh..opq}: hides the lower layers' children of the directory. */
        OPAQUE;

        boolean writesPath() {
            return this == DIRECTORY || this == NON_DIRECTORY || this == HARDLINK;
        }
    }
}
