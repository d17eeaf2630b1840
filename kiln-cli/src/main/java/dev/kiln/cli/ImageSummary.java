package dev.kiln.cli;

import dev.kiln.KilnException;
import dev.kiln.image.Image;
import dev.kiln.image.ImageSource;
import dev.kiln.image.Images;
import dev.kiln.image.Index;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Platform;
import dev.kiln.store.Store;
import dev.kiln.store.StoredImage;
import java.io.IOException;
import java.time.Instant;

/**
 * What listings show of a stored image: when it was created, its platform(s) and the bytes it
 * occupies (manifest, config and layers as stored; for an index, the image of this machine's
 * platform, or of the first one).
 */
record ImageSummary(StoredImage image, Instant created, String platform, long size) {

    static ImageSummary of(Store store, StoredImage stored) throws IOException, KilnException {
        try (ImageSource source = store.source(stored)) {
            Descriptor root = stored.root();
            if (Images.isIndex(source, root)) {
                Index index = Index.load(source, root);
                Descriptor chosen = index.index().select(Platform.host())
                        .or(() -> index.index().manifests().stream().filter(d -> d.platform() != null).findFirst())
                        .orElse(null);
                if (chosen == null) {
                    return new ImageSummary(stored, null, "-", root.size());
                }
                Image image = Image.load(source, chosen);
                String platforms = index.index().platforms().stream().filter(p -> !"unknown".equals(p.os()))
                        .map(Platform::toString).reduce((a, b) -> a + "," + b).orElse("-");
                return new ImageSummary(stored, image.config().created(), platforms, root.size() + image.storedSize());
            }
            Image image = Image.load(source, root);
            return new ImageSummary(stored, image.config().created(), image.platform().toString(), image.storedSize());
        }
    }
}
