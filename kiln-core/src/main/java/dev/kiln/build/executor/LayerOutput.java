package dev.kiln.build.executor;

import dev.kiln.KilnException;
import dev.kiln.blob.BlobInfo;
import dev.kiln.blob.BlobStore;
import dev.kiln.blob.BlobWriter;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Schema;
import dev.kiln.tar.Compression;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerWriteOptions;
import dev.kiln.tar.LayerWriter;
import java.io.IOException;

/** Writes a new layer straight into the store's blobs: tar, diff_id, gzip and digest in one pass. */
public final class LayerOutput {

    /** Fills a layer with entries. */
    @FunctionalInterface
    public interface Filler {
        void fill(LayerWriter writer) throws IOException, KilnException;
    }

    /** A layer as written: its descriptor, diff_id and uncompressed size. */
    public record Written(Descriptor descriptor, Digest diffId, long uncompressedSize) {
    }

    private final BlobStore blobs;
    private final LayerWriteOptions options;
    private final Compression compression;

    public LayerOutput(BlobStore blobs, LayerWriteOptions options, Compression compression) {
        this.blobs = blobs;
        this.options = options;
        this.compression = compression;
    }

    public LayerWriteOptions options() {
        return options;
    }

    public Written write(Filler filler) throws IOException, KilnException {
        try (BlobWriter blob = blobs.writer(); LayerWriter writer = LayerWriter.open(blob.stream(), compression, options)) {
            filler.fill(writer);
            LayerDigests digests = writer.finish();
            BlobInfo info = blob.commit(digests.digest(), digests.size());
            return new Written(new Descriptor(mediaType(), info.digest(), info.size()), digests.diffId(),
                    digests.uncompressedSize());
        }
    }

    private String mediaType() {
        MediaType.Encoding encoding = switch (compression) {
            case NONE -> MediaType.Encoding.NONE;
            case GZIP -> MediaType.Encoding.GZIP;
            case ZSTD -> MediaType.Encoding.ZSTD;
        };
        return MediaType.layer(Schema.OCI, encoding);
    }
}
