package dev.kiln.registry;

import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.image.RemoteImages;
import dev.kiln.ref.ImageReference;
import java.util.List;

/**
 * Registries as the store's resolver and the copier see them: a source or sink per reference, all
 * sharing one {@link RegistrySession} (connections, tokens, credentials) and what kiln learnt about
 * where blobs live, so pushes within a registry mount instead of upload.
 */
public final class RegistryImages implements RemoteImages {

    private final RegistrySession session;
    private final BlobLocations locations = new BlobLocations();

    public RegistryImages(RegistrySession session) {
        this.session = session;
    }

    @Override
    public ImageSource source(ImageReference reference) {
        return new RegistryImageSource(session, locations, reference);
    }

    @Override
    public ImageSink sink(ImageReference reference) {
        return new RegistryImageSink(session, locations, reference);
    }

    /**
     * Tells pushes that an image named {@code origin} (a store name such as
     * {@code 127.0.0.1:5000/app:1}) most likely has its blobs in that repository, so a push to
     * another repository of the same registry tries a mount before uploading.
     */
    public void likelyOrigin(ImageReference origin) {
        locations.likely(origin.apiHost(), origin.repository());
    }

    /** Every tag of the reference's repository. */
    public List<String> tags(ImageReference reference) throws RegistryException {
        return new TagList(session.host(reference.apiHost()), reference.repository()).all(1000);
    }

    public RegistrySession session() {
        return session;
    }
}
