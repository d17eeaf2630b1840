package dev.kiln.blob;

import dev.kiln.KilnException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Content that knows its media type and writes itself; a store or sink hashes it while writing and
 * returns the resulting {@link dev.kiln.oci.Descriptor}. Layers stream from their producer; JSON
 * documents are small byte arrays.
 */
public interface Blob {

    String mediaType();

    /** Writes the whole content. May be called once only for streaming blobs. */
    void writeTo(OutputStream out) throws IOException, KilnException;

    /** Content held in memory (manifests, configs). */
    static Blob of(String mediaType, byte[] content) {
        byte[] copy = content.clone();
        return new Blob() {
            @Override
            public String mediaType() {
                return mediaType;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(copy);
            }
        };
    }

    /** Content of a file. */
    static Blob of(String mediaType, Path file) {
        return new Blob() {
            @Override
            public String mediaType() {
                return mediaType;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
            }
        };
    }

    /** Content that a producer writes, e.g. a layer streamed from a directory. */
    static Blob streaming(String mediaType, Producer producer) {
        return new Blob() {
            @Override
            public String mediaType() {
                return mediaType;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException, KilnException {
                producer.writeTo(out);
            }
        };
    }

    /** Writes content to a stream. */
    @FunctionalInterface
    interface Producer {
        void writeTo(OutputStream out) throws IOException, KilnException;
    }
}
