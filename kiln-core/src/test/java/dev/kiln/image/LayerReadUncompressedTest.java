package dev.kiln.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.blob.BlobDigestMismatchException;
import dev.kiln.blob.BlobInfo;
import dev.kiln.blob.BlobStore;
import dev.kiln.format.layout.LayoutSource;
import dev.kiln.image.mutate.ImageDraft;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.History;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Platform;
import dev.kiln.oci.Schema;
import dev.kiln.tar.Compression;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerFormatException;
import dev.kiln.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer whose bytes are wrong is named: a blob damaged in storage (caught first by the gzip CRC)
 * is reported by digest as corrupted; a layer that was published broken names the image, layer and digest.
 */
class LayerReadUncompressedTest {

    @TempDir
    Path dir;

    private Layer layerOf(BlobStore blobs, Descriptor manifest) throws Exception {
        return Image.load(new LayoutSource(blobs, manifest, "app:1"), manifest).layers().get(0);
    }

    @Test
    void aGoodLayerReadsToItsEndWithBothDigestsChecked() throws Exception {
        BlobStore blobs = new BlobStore(dir.resolve("blobs"), dir.resolve("ingest"));
        TestImages.Written image = TestImages.write(blobs, 1, Compression.GZIP, 7);
        Layer layer = layerOf(blobs, image.manifest());
        long[] size = {0};
        layer.readUncompressed(in -> size[0] = in.transferTo(java.io.OutputStream.nullOutputStream()));
        assertThat(size[0]).isEqualTo(image.layers().get(0).uncompressedSize());
    }

    @Test
    void aBlobDamagedInStorageIsNamedByDigestAsCorruptedEvenWhenTheGzipCrcTripsFirst() throws Exception {
        BlobStore blobs = new BlobStore(dir.resolve("blobs"), dir.resolve("ingest"));
        TestImages.Written image = TestImages.write(blobs, 1, Compression.GZIP, 7, Platform.parse("linux/amd64"), 200_000);
        Layer layer = layerOf(blobs, image.manifest());
        Path file = blobs.path(layer.descriptor().digest());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
        assertThatThrownBy(() -> layer.readUncompressed(in -> in.transferTo(java.io.OutputStream.nullOutputStream())))
                .isInstanceOf(IOException.class)
                .hasCauseInstanceOf(BlobDigestMismatchException.class)
                .hasMessageContaining("blob " + layer.descriptor().digest())
                .hasMessageContaining("is corrupted");
    }

    @Test
    void aLayerPublishedWithABadGzipCrcNamesTheImageTheLayerAndItsDigest() throws Exception {
        BlobStore blobs = new BlobStore(dir.resolve("blobs"), dir.resolve("ingest"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerDigests good = TestImages.writeLayer(out, Compression.GZIP, new Random(3), 0, 4096);
        byte[] broken = out.toByteArray();
        broken[broken.length - 8] ^= 0x01; // the gzip trailer's CRC-32: the content itself is intact
        BlobInfo stored = blobs.put(broken);
        Instant created = Instant.parse("2024-03-01T12:00:00Z");
        ImageDraft.Rendered rendered = ImageDraft.scratch(Platform.parse("linux/amd64"), Schema.OCI)
                .withCreated(created)
                .appendLayer(new Descriptor(MediaType.layer(Schema.OCI, MediaType.Encoding.GZIP), stored.digest(),
                        stored.size()), good.diffId(), History.of(created, "broken"))
                .render();
        blobs.put(rendered.configBytes());
        blobs.put(rendered.manifestBytes());
        Layer layer = layerOf(blobs, rendered.manifestDescriptor());
        assertThatThrownBy(() -> layer.readUncompressed(in -> in.transferTo(java.io.OutputStream.nullOutputStream())))
                .isInstanceOf(LayerFormatException.class)
                .hasMessageStartingWith("app:1: layer 0 " + stored.digest() + ": gzip CRC mismatch");
    }
}
