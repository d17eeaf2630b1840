package dev.kiln.build.snapshot;

import dev.kiln.tar.LayerEntry;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One entry of a new layer as a snapshotter found it: the tar entry (OCI whiteouts included) and,
 * for a regular file, the host file holding its bytes until the layer is written.
 */
public record Change(LayerEntry entry, Path content) {

    public Change {
        Objects.requireNonNull(entry, "entry");
    }

    public static Change of(LayerEntry entry) {
        return new Change(entry, null);
    }
}
