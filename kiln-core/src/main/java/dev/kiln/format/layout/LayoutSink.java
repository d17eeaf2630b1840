package dev.kiln.format.layout;

import dev.kiln.KilnException;
import dev.kiln.blob.Blob;
import dev.kiln.blob.BlobStore;
import dev.kiln.blob.BlobWriter;
import dev.kiln.image.ImageSink;
import dev.kiln.oci.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writes blobs into a blob store (each atomically) and, at {@link #commit}, hands the root to a
 * publisher that names it (updates {@code index.json}). Until then the blobs are unreferenced, which
 * a reader never sees and garbage collection removes.
 */
public final class LayoutSink implements ImageSink {

    /** Makes a written root visible; the layout's or the store's index update. */
    @FunctionalInterface
    public interface Publisher {
        void publish(Descriptor root) throws IOException, KilnException;
    }

    private final BlobStore blobs;
    private final String description;
    private final Publisher publisher;
    private final Runnable onClose;
    private boolean committed;

    public LayoutSink(BlobStore blobs, String description, Publisher publisher, Runnable onClose) {
        this.blobs = blobs;
        this.description = description;
        this.publisher = publisher;
        this.onClose = onClose;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean has(Descriptor descriptor) {
        return blobs.has(descriptor);
    }

    @Override
    public void write(Descriptor descriptor, InputStream content) throws IOException, KilnException {
        blobs.put(content, descriptor.digest(), descriptor.size());
    }

    @Override
    public Descriptor write(Blob blob) throws IOException, KilnException {
        try (BlobWriter writer = blobs.writer()) {
            try (OutputStream out = writer.stream()) {
                blob.writeTo(out);
            }
            return writer.commit().describe(blob.mediaType());
        }
    }

    @Override
    public void writeManifest(Descriptor descriptor, byte[] content) throws IOException, KilnException {
        if (!blobs.has(descriptor)) {
            blobs.put(new java.io.ByteArrayInputStream(content), descriptor.digest(), descriptor.size());
        }
    }

    @Override
    public void commit(Descriptor root) throws IOException, KilnException {
        if (!blobs.has(root.digest())) {
            throw new IllegalStateException("commit before the root manifest " + root.digest() + " was written");
        }
        publisher.publish(root);
        committed = true;
    }

    public boolean committed() {
        return committed;
    }

    @Override
    public void close() {
        onClose.run();
    }
}
