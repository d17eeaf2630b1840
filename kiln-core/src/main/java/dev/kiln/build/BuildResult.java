package dev.kiln.build;

import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.ref.ImageReference;
import java.time.Duration;
import java.util.List;

/**
 * What a build made.
 *
 * @param manifest       the image's manifest
 * @param config         the config digest (Docker's image id)
 * @param tags           the names it was stored under
 * @param output         where it was written ({@code the store}, {@code oci:/tmp/out}, ...)
 * @param layers         its layer count
 * @param stepsExecuted  layer steps that ran
 * @param stepsCached    layer steps taken from the cache
 * @param runCommands    RUN commands that ran
 * @param layersUnpacked layers that had to be unpacked (0 on a warm rebuild)
 * @param elapsed        wall time
 */
public record BuildResult(Descriptor manifest, Digest config, List<ImageReference> tags, String output, int layers,
        int stepsExecuted, int stepsCached, int runCommands, int layersUnpacked, Duration elapsed) {
}
