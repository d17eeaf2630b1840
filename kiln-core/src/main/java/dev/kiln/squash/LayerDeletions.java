package dev.kiln.squash;

import java.util.HashSet;
import java.util.Set;

/** What one layer removes from the layers below it: whiteouts, opaque directories, non-directories. */
final class LayerDeletions {

    private final Set<String> whiteouts = new HashSet<>();
    private final Set<String> opaque = new HashSet<>();
    private final Set<String> nonDirectories = new HashSet<>();

    void whiteout(String path) {
        whiteouts.add(path);
    }

    void opaque(String directory) {
        opaque.add(directory);
    }

    void nonDirectory(String path) {
        nonDirectories.add(path);
    }

    /** Whether applying this layer removes {@code path} as lower layers left it. */
    boolean deletes(String path) {
        if (whiteouts.contains(path) || nonDirectories.contains(path)) {
            return true;
        }
        String p = path;
        while (!p.isEmpty()) {
            int slash = p.lastIndexOf('/');
            p = slash < 0 ? "" : p.substring(0, slash);
            if (opaque.contains(p) || (!p.isEmpty() && (whiteouts.contains(p) || nonDirectories.contains(p)))) {
                return true;
            }
        }
        return false;
    }
}
