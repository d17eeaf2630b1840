package dev.kiln.image;

import dev.kiln.KilnException;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.ImageFormatException;
import dev.kiln.oci.Manifest;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Platform;
import java.io.IOException;
import java.util.Optional;
import java.util.stream.Collectors;

/** Resolving a source's root to the one image a command works on. */
public final class Images {

    private Images() {
    }

    /**
     * The image at the source's root for the platform the user asked for: the index entry that best
     * fits it, or the manifest itself when its config says that platform. With nothing asked for, the
     * host's entry of an index and any single manifest. Fails naming the platforms on offer (of an
     * index) or the image's own platform (of a manifest) when nothing fits.
     */
    public static Image resolve(ImageSource source, Optional<Platform> requested) throws IOException, KilnException {
        return resolve(source, source.root(), requested);
    }

    /** The image for {@code platform}, which must be the image's even when the root is a single image. */
    public static Image resolve(ImageSource source, Platform platform) throws IOException, KilnException {
        return resolve(source, source.root(), Optional.of(platform));
    }

    public static Image resolve(ImageSource source, Descriptor root, Optional<Platform> requested)
            throws IOException, KilnException {
        Platform platform = requested.orElseGet(Platform::host);
        if (isIndex(source, root)) {
            Index index = Index.load(source, root);
            Descriptor chosen = index.index().select(platform).orElseThrow(() -> new ImageNotFoundException(
                    source.describe() + " has no image for " + platform + " (it has: "
                            + index.index().platforms().stream().map(Platform::toString)
                                    .filter(p -> !p.startsWith("unknown/")).collect(Collectors.joining(", "))
                            + "); choose one with --platform"));
            return Image.load(source, chosen);
        }
        Image image = Image.load(source, root);
        if (requested.isPresent()) {
            requirePlatform(source, image, requested.get());
        }
        return image;
    }

    /**
     * Fails unless a single image's config is for the wanted platform: a single-platform image is no
     * answer to {@code --platform} for another one (Docker pulls it with a warning and runs the wrong
     * binaries; kiln says so instead).
     */
    static void requirePlatform(ImageSource source, Image image, Platform wanted) throws KilnException {
        Platform has = image.platform();
        if (has == null || !wanted.matches(has)) {
            throw new ImageNotFoundException(source.describe() + " is a single-platform image for "
                    + (has == null ? "no stated platform" : has.normalized()) + ", not " + wanted.normalized()
                    + "; leave out --platform or name an image for " + wanted.normalized());
        }
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
