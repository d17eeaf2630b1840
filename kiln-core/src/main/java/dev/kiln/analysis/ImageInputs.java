package dev.kiln.analysis;

import dev.kiln.image.Image;
import dev.kiln.image.Layer;
import java.util.ArrayList;
import java.util.List;

/** Analysis inputs from kiln's image views, whatever the source (store, layout, archive, registry). */
public final class ImageInputs {

    private ImageInputs() {
    }

    /** The image's layers open as stored; the source checks each blob's digest as it is read. */
    public static ImageInput of(String reference, Image image) {
        List<LayerInput> layers = new ArrayList<>();
        for (Layer layer : image.layers()) {
            layers.add(new LayerInput(layer.index(), layer.descriptor().digest(), layer.size(), layer.diffId(),
                    layer.history(), layer::openCompressed));
        }
        return new ImageInput(reference, image.descriptor().digest(), image.config(), layers);
    }
}
