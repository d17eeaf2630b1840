package dev.kiln.format.layout;

import dev.kiln.KilnException;
import dev.kiln.blob.BlobStore;
import dev.kiln.image.ImageSource;
import dev.kiln.oci.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** An image in a blob store (an OCI layout directory or the local store), resolved to its root. */
public final class LayoutSource implements ImageSource {

    private final BlobStore blobs;
    private final Descriptor root;
    private final String description;

    public LayoutSource(BlobStore blobs, Descriptor root, String description) {
        this.blobs = blobs;
        this.root = root;
        this.description = description;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Descriptor root() {
        return root;
    }

    @Override
    public InputStream open(Descriptor descriptor) throws IOException, KilnException {
        Optional<InputStream> embedded = openEmbedded(descriptor);
        return embedded.isPresent() ? embedded.get() : blobs.open(descriptor);
    }

    @Override
    public void close() {
        // nothing held open
    }
}
