package dev.kiln.testing;

import dev.kiln.blob.BlobStore;
import dev.kiln.blob.BlobWriter;
import dev.kiln.image.mutate.ImageDraft;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.History;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Platform;
import dev.kiln.oci.Schema;
import dev.kiln.tar.Compression;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerWriteOptions;
import dev.kiln.tar.LayerWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Small real images for tests of the image model, formats and store: layers are genuine tar streams
 * (written by {@code tar.LayerWriter}), configs and manifests genuine documents, all written into a
 * {@link BlobStore}. Content is random but seeded, so the same seed gives the same digests.
 */
public final class TestImages {

    /** An image written into a blob store: its manifest descriptor and the draft it was rendered from. */
    public record Written(Descriptor manifest, ImageDraft draft, List<LayerDigests> layers) {
    }

    private TestImages() {
    }

    /**
     * Writes an image with {@code layerCount} layers of a few random files each into {@code blobs}.
     */
    public static Written write(BlobStore blobs, int layerCount, Compression compression, long seed)
            throws Exception {
        return write(blobs, layerCount, compression, seed, Platform.parse("linux/amd64"), 4096);
    }

    public static Written write(BlobStore blobs, int layerCount, Compression compression, long seed,
            Platform platform, int fileSize) throws Exception {
        Random random = new Random(seed);
        Instant created = Instant.parse("2024-03-01T12:00:00Z");
        ImageDraft draft = ImageDraft.scratch(platform, Schema.OCI).withCreated(created);
        java.util.ArrayList<LayerDigests> digests = new java.util.ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
            LayerDigests layer;
            try (BlobWriter writer = blobs.writer()) {
                layer = writeLayer(writer.stream(), compression, random, i, fileSize);
                writer.commit(layer.digest(), layer.size());
            }
            digests.add(layer);
            String type = MediaType.layer(Schema.OCI, MediaType.Encoding.valueOf(compression.name()));
            draft = draft.appendLayer(new Descriptor(type, layer.digest(), layer.size()), layer.diffId(),
                    History.of(created, "test layer " + i));
        }
        draft = draft.editConfig(c -> c.toBuilder().cmd(List.of("/bin/sh")).env(List.of("PATH=/bin")).build())
                .appendHistory(History.emptyLayer(created, "CMD [\"/bin/sh\"]"));
        ImageDraft.Rendered rendered = draft.render();
        blobs.put(rendered.configBytes());
        blobs.put(rendered.manifestBytes());
        return new Written(rendered.manifestDescriptor(), draft, List.copyOf(digests));
    }

    /** One layer: a directory and three files of random bytes. */
    public static LayerDigests writeLayer(OutputStream out, Compression compression, Random random, int index,
            int fileSize) throws IOException {
        try (LayerWriter writer = LayerWriter.open(out, compression, LayerWriteOptions.DEFAULT)) {
            String dir = "layer" + index;
            writer.add(LayerEntry.directory(dir), null);
            for (int f = 0; f < 3; f++) {
                byte[] content = new byte[fileSize + random.nextInt(fileSize)];
                random.nextBytes(content);
                writer.add(LayerEntry.file(dir + "/file" + f, content.length), new ByteArrayInputStream(content));
            }
            return writer.finish();
        }
    }
}
