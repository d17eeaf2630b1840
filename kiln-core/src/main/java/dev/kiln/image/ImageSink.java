package dev.kiln.image;

import dev.kiln.KilnException;
import dev.kiln.blob.Blob;
import dev.kiln.oci.Descriptor;
import java.io.IOException;
import java.io.InputStream;

/**
 * Somewhere images are written: the store, an OCI layout, a docker archive, a registry. Blobs go
 * first (layers, configs, child manifests), then {@link #commit} publishes the root under the names
 * the sink was opened with. Until then nothing is visible: closing without committing discards what
 * was written (or leaves only unreferenced blobs that garbage collection removes).
 *
 * <p>Implementations must allow blob writes from several threads when
 * {@link SinkTraits#parallelWrites()} says so.
 */
public interface ImageSink extends AutoCloseable {

    /** The destination as the user named it, for messages. */
    String describe();

    /** What this sink holds and how it wants layers. */
    default SinkTraits traits() {
        return SinkTraits.ANYTHING;
    }

    /** Whether the blob is already there, so a copy can skip it. */
    boolean has(Descriptor descriptor) throws IOException;

    /** Writes a blob whose descriptor is known; the content is checked against it. */
    void write(Descriptor descriptor, InputStream content) throws IOException, KilnException;

    /** Content that can be opened again, for sinks that retry a broken transfer (registries). */
    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException, KilnException;
    }

    /**
     * Writes a blob whose descriptor is known from content that can be read again, so that a sink
     * can retry a broken transfer (a registry upload); by default it is read once.
     */
    default void write(Descriptor descriptor, Content content) throws IOException, KilnException {
        try (InputStream in = content.open()) {
            write(descriptor, in);
        }
    }

    /** Writes a blob whose digest is learnt by writing it (a new layer, a rewritten config). */
    Descriptor write(Blob blob) throws IOException, KilnException;

    /**
     * Writes a manifest or index. Sinks that are registries treat these apart from other blobs; others
     * store them as blobs. The root is written like this too, before {@link #commit}.
     */
    void writeManifest(Descriptor descriptor, byte[] content) throws IOException, KilnException;

    /** Publishes the root manifest or index (already written) under the sink's names. */
    void commit(Descriptor root) throws IOException, KilnException;

    /** Releases resources; discards everything unless committed. */
    @Override
    void close() throws IOException;
}
