package dev.kiln.build.executor;

import dev.kiln.tar.LayerEntry;
import java.nio.file.Path;

/**
 * One entry of a COPY/ADD layer: the tar entry at its place in the image and, for a regular file, the
 * host file that holds its bytes.
 */
public record CopyItem(LayerEntry entry, Path content) {
}
