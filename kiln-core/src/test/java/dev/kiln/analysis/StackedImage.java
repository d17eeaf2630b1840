package dev.kiln.analysis;

import dev.kiln.oci.ContainerConfig;
import dev.kiln.oci.Digest;
import dev.kiln.oci.History;
import dev.kiln.oci.ImageConfig;
import dev.kiln.oci.Platform;
import dev.kiln.tar.Compression;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerWriteOptions;
import dev.kiln.tar.LayerWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Builds small images in memory with kiln's own layer writer, for analysis tests: each layer is a list
 * of entries, file content is derived from a seed so equal seeds mean equal content.
 */
public final class StackedImage {

    private StackedImage() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Same as {@link #builder()}. */
    public static Builder create() {
        return new Builder();
    }

    /** An image under construction. */
    public static final class Builder {

        private final List<byte[]> blobs = new ArrayList<>();
        private final List<LayerDigests> digests = new ArrayList<>();
        private final List<History> history = new ArrayList<>();
        private ContainerConfig config = ContainerConfig.EMPTY;
        private Compression compression = Compression.GZIP;

        public Builder compression(Compression value) {
            compression = value;
            return this;
        }

        public Builder config(ContainerConfig value) {
            config = value;
            return this;
        }

        /** A history entry that makes no layer. */
        public Builder emptyStep(String createdBy) {
            history.add(History.emptyLayer(Instant.EPOCH, createdBy));
            return this;
        }

        public Builder layer(String createdBy, Item... items) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (LayerWriter writer = LayerWriter.open(out, compression, LayerWriteOptions.DEFAULT)) {
                for (Item item : items) {
                    if (item.entry.type() == EntryType.FILE && item.entry.size() > 0) {
                        byte[] bytes = item.bytes != null ? item.bytes : content(item.entry.size(), item.seed);
                        writer.add(item.entry, new ByteArrayInputStream(bytes));
                    } else {
                        writer.add(item.entry);
                    }
                }
                digests.add(writer.finish());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            blobs.add(out.toByteArray());
            history.add(History.of(Instant.EPOCH, createdBy));
            return this;
        }

        public ImageInput input(String reference) {
            List<LayerInput> layers = new ArrayList<>();
            List<Digest> diffIds = new ArrayList<>();
            List<Optional<History>> layerHistory;
            for (int i = 0; i < blobs.size(); i++) {
                diffIds.add(digests.get(i).diffId());
            }
            ImageConfig imageConfig = ImageConfig.of(Platform.parse("linux/amd64")).withConfig(config)
                    .withDiffIds(diffIds).withHistory(history);
            layerHistory = imageConfig.layerHistory();
            for (int i = 0; i < blobs.size(); i++) {
                byte[] blob = blobs.get(i);
                layers.add(new LayerInput(i, digests.get(i).digest(), blob.length, digests.get(i).diffId(),
                        layerHistory.get(i), () -> new ByteArrayInputStream(blob)));
            }
            return new ImageInput(reference, Digest.sha256(reference), imageConfig, layers);
        }

        /**
         * Writes the image as an OCI image layout directory (layers as built, OCI media types), tagged
         * {@code tag} in {@code index.json}; returns the manifest digest.
         */
        public Digest writeOciLayout(java.nio.file.Path dir, String tag) throws IOException {
            ImageInput input = input(tag);
            java.nio.file.Path blobDir = java.nio.file.Files.createDirectories(dir.resolve("blobs/sha256"));
            List<dev.kiln.oci.Descriptor> layerDescriptors = new ArrayList<>();
            for (int i = 0; i < blobs.size(); i++) {
                String type = compression == Compression.GZIP ? dev.kiln.oci.MediaType.OCI_LAYER_GZIP
                        : compression == Compression.ZSTD ? dev.kiln.oci.MediaType.OCI_LAYER_ZSTD
                        : dev.kiln.oci.MediaType.OCI_LAYER;
                layerDescriptors.add(dev.kiln.oci.Descriptor.of(type, blobs.get(i)));
                java.nio.file.Files.write(blobDir.resolve(digests.get(i).digest().encoded()), blobs.get(i));
            }
            byte[] configBytes = input.config().toJson();
            dev.kiln.oci.Descriptor config = dev.kiln.oci.Descriptor.of(dev.kiln.oci.MediaType.OCI_CONFIG, configBytes);
            java.nio.file.Files.write(blobDir.resolve(config.digest().encoded()), configBytes);
            byte[] manifestBytes = dev.kiln.oci.Manifest.of(dev.kiln.oci.Schema.OCI, config, layerDescriptors).toJson();
            dev.kiln.oci.Descriptor manifest = dev.kiln.oci.Descriptor.of(dev.kiln.oci.MediaType.OCI_MANIFEST,
                    manifestBytes);
            java.nio.file.Files.write(blobDir.resolve(manifest.digest().encoded()), manifestBytes);
            java.nio.file.Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            String index = "{\"schemaVersion\":2,\"mediaType\":\"" + dev.kiln.oci.MediaType.OCI_INDEX
                    + "\",\"manifests\":[{\"mediaType\":\"" + dev.kiln.oci.MediaType.OCI_MANIFEST + "\",\"digest\":\""
                    + manifest.digest() + "\",\"size\":" + manifest.size()
                    + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}";
            java.nio.file.Files.writeString(dir.resolve("index.json"), index);
            return manifest.digest();
        }

        public ImageAnalysis analyze() throws Exception {
            return new Analyzer(AnalysisOptions.defaults()).analyze(input("test:1.0"));
        }
    }

    public static byte[] content(long size, long seed) {
        byte[] bytes = new byte[Math.toIntExact(size)];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** One entry and the seed of its content (or the content itself). */
    public record Item(LayerEntry entry, long seed, byte[] bytes) {
        Item(LayerEntry entry, long seed) {
            this(entry, seed, null);
        }
    }

    public static Item text(String path, String content) {
        byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new Item(LayerEntry.file(path, bytes.length), 0, bytes);
    }

    public static Item entry(LayerEntry entry, byte[] content) {
        return new Item(entry, 0, content);
    }

    public static Item file(String path, long size) {
        return new Item(LayerEntry.file(path, size), path.hashCode() * 31L + size);
    }

    public static Item file(String path, long size, long seed) {
        return new Item(LayerEntry.file(path, size), seed);
    }

    public static Item file(String path, long size, long seed, int mode) {
        return new Item(LayerEntry.builder(path, EntryType.FILE).size(size).mode(mode).build(), seed);
    }

    public static Item owned(String path, long size, long seed, int mode, long uid) {
        return new Item(LayerEntry.builder(path, EntryType.FILE).size(size).mode(mode).owner(uid, uid).build(), seed);
    }

    public static Item dir(String path) {
        return new Item(LayerEntry.directory(path), 0);
    }

    public static Item dir(String path, int mode) {
        return new Item(LayerEntry.builder(path, EntryType.DIRECTORY).mode(mode).build(), 0);
    }

    public static Item whiteout(String path) {
        return new Item(LayerEntry.whiteout(path), 0);
    }

    public static Item opaque(String directory) {
        return new Item(LayerEntry.opaqueWhiteout(directory), 0);
    }

    public static Item hardlink(String path, String target) {
        return new Item(LayerEntry.hardlink(path, target), 0);
    }

    public static Item symlink(String path, String target) {
        return new Item(LayerEntry.symlink(path, target), 0);
    }
}
