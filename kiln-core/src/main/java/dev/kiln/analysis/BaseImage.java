package dev.kiln.analysis;

import java.util.Objects;

/**
 * The image this one was built on: the first {@code layers} layers are shared with it.
 *
 * @param name              how the base is known (a store name or the reference given with {@code --base})
 * @param layers            how many of the bottom layers are the base's
 * @param compressedBytes   the base layers' stored size
 * @param uncompressedBytes the base layers' tar size
 * @param contentBytes      the base layers' content bytes
 * @param reclaimableBytes  of those, bytes hidden by later layers
 */
public record BaseImage(String name, int layers, long compressedBytes, long uncompressedBytes, long contentBytes,
        long reclaimableBytes) {

    public BaseImage {
        Objects.requireNonNull(name, "name");
    }
}
