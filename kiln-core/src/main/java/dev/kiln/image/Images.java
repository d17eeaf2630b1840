package dev.kiln.image;

import dev.kiln.KilnException;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.ImageFormatException;
import dev.kiln.oci.Manifest;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Platform;
import java.io.IOException;
import java.util.stream.Collectors;

/** Resolving a source's root to the one image a command works on. */
public final class Images {

    private Images() {
    }

    /**
     * The image at the source's root: the manifest itself, or the index entry that best fits
     * {@code platform}. Fails naming the platforms on offer when none fits.
     */
    public static Image resolve(ImageSource source, Platform platform) throws IOException, KilnException {
        Descriptor root = source.root();
        return resolve(source, root, platform);
    }

    public static Image resolve(ImageSource source, Descriptor root, Platform platform)
            throws IOException, KilnException {
        if (isIndex(source, root)) {
            Index index = Index.load(source, root);
            Descriptor chosen = index.index().select(platform).orElseThrow(() -> new ImageNotFoundException(
                    source.describe() + " has no image for " + platform + " (it has: "
                            + index.index().platforms().stream().map(Platform::toString)
                                    .filter(p -> !p.startsWith("unknown/")).collect(Collectors.joining(", "))
                            + "); choose one with --platform"));
            return Image.load(source, chosen);
        }
        return Image.load(source, root);
    }

    /**
     * Whether a root is an index: by media type, or for sources that do not say (some OCI layouts),
     * by looking at the document.
     */
    public static boolean isIndex(ImageSource source, Descriptor root) throws IOException, KilnException {
        if (MediaType.isIndex(root.mediaType())) {
            return true;
        }
        if (MediaType.isManifest(root.mediaType())) {
            return false;
        }
        byte[] bytes = source.read(root, ImageSource.MAX_MANIFEST_BYTES);
        try {
            Manifest.parse(bytes);
            return false;
        } catch (ImageFormatException e) {
            return e.getMessage().contains("image index");
        }
    }
}
