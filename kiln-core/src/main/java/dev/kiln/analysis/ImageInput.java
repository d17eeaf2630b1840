package dev.kiln.analysis;

import dev.kiln.oci.Digest;
import dev.kiln.oci.ImageConfig;
import java.util.List;
import java.util.Objects;

/**
 * The image to analyse: how the user named it (for messages and the tag check), its manifest digest,
 * its config and its layers in order.
 */
public record ImageInput(String reference, Digest manifestDigest, ImageConfig config, List<LayerInput> layers) {

    public ImageInput {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
    }
}
