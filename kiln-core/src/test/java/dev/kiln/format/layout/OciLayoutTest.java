package dev.kiln.format.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.event.EventSink;
import dev.kiln.image.CopyOptions;
import dev.kiln.image.CopyResult;
import dev.kiln.image.Image;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageNotFoundException;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.image.Images;
import dev.kiln.image.Layer;
import dev.kiln.oci.Annotations;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.ImageFormatException;
import dev.kiln.oci.ImageIndex;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Platform;
import dev.kiln.oci.Schema;
import dev.kiln.tar.Compression;
import dev.kiln.testing.TestImages;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {

    @TempDir
    Path dir;

    private final ImageCopier copier = new ImageCopier(EventSink.NONE);

    private OciLayout layoutWith(String tag, int layers, Compression compression, long seed) throws Exception {
        OciLayout layout = OciLayout.create(dir.resolve("src"));
        TestImages.Written image = TestImages.write(layout.blobs(), layers, compression, seed);
        layout.update(entries -> OciLayout.retag(entries, image.manifest(), List.of(tag)));
        return layout;
    }

    @Test
    void aNewLayoutHasTheLayoutFileAnEmptyIndexAndBlobs() throws Exception {
        OciLayout layout = OciLayout.create(dir.resolve("new"));
        assertThat(Files.readString(dir.resolve("new/oci-layout"))).isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
        assertThat(layout.manifests()).isEmpty();
        assertThat(dir.resolve("new/blobs")).isDirectory();
    }

    @Test
    void anImageReadsBackWithVerifiedLayersAndHistory() throws Exception {
        OciLayout layout = layoutWith("1.0.0-1", 2, Compression.GZIP, 1);
        try (ImageSource source = layout.source("1.0.0-1", "oci:src:1.0.0-1")) {
            Image image = Images.resolve(source, Platform.parse("linux/amd64"));
            assertThat(image.layers()).hasSize(2);
            assertThat(image.layers().get(1).history().orElseThrow().createdBy()).isEqualTo("test layer 1");
            assertThat(image.config().config().cmd()).containsExactly("/bin/sh");
            for (Layer layer : image.layers()) {
                assertThat(layer.compression()).isEqualTo(Compression.GZIP);
                assertThat(layer.measureUncompressed()).isGreaterThan(layer.size() / 2);
            }
        }
    }

    @Test
    void aLayerWhoseDiffIdLiesIsCaughtWhenReadUncompressed() throws Exception {
        OciLayout layout = OciLayout.create(dir.resolve("lie"));
        TestImages.Written written = TestImages.write(layout.blobs(), 1, Compression.GZIP, 2);
        var lying = written.draft().replaceLayers(0, 1, written.draft().layers(),
                List.of(dev.kiln.oci.Digest.sha256("not the tar")), List.of(dev.kiln.oci.History.of(null, "x")));
        var rendered = lying.render();
        layout.blobs().put(rendered.configBytes());
        layout.blobs().put(rendered.manifestBytes());
        try (ImageSource source = new LayoutSource(layout.blobs(), rendered.manifestDescriptor(), "lie")) {
            Layer layer = Images.resolve(source, Platform.host()).layers().get(0);
            assertThatThrownBy(layer::measureUncompressed).hasMessageContaining("(diff_id)")
                    .hasMessageContaining(dev.kiln.oci.Digest.sha256("not the tar").toString());
        }
    }

    @Test
    void tagsMoveToTheNewRootAndUntaggedRootsAreAddedOnce() throws Exception {
        OciLayout layout = OciLayout.create(dir.resolve("tags"));
        Descriptor a = TestImages.write(layout.blobs(), 1, Compression.NONE, 10).manifest();
        Descriptor b = TestImages.write(layout.blobs(), 1, Compression.NONE, 11).manifest();
        layout.update(e -> OciLayout.retag(e, a, List.of("1", "stable")));
        layout.update(e -> OciLayout.retag(e, b, List.of("stable")));
        layout.update(e -> OciLayout.retag(e, b, List.of()));
        layout.update(e -> OciLayout.retag(e, b, List.of()));
        assertThat(layout.find("1")).hasValueSatisfying(d -> assertThat(d.digest()).isEqualTo(a.digest()));
        assertThat(layout.find("stable")).hasValueSatisfying(d -> assertThat(d.digest()).isEqualTo(b.digest()));
        assertThat(layout.manifests()).hasSize(2);
        assertThat(layout.manifests()).allSatisfy(d -> assertThat(d.annotations()).containsKey(Annotations.REF_NAME));
    }

    @Test
    void unknownOrAmbiguousNamesListWhatTheLayoutHas() throws Exception {
        OciLayout layout = layoutWith("1.0", 1, Compression.NONE, 3);
        Descriptor other = TestImages.write(layout.blobs(), 1, Compression.NONE, 4).manifest();
        layout.update(e -> OciLayout.retag(e, other, List.of("2.0")));
        assertThatThrownBy(() -> layout.source("3.0", "oci:src:3.0")).isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("no image tagged '3.0'").hasMessageContaining("1.0, 2.0");
        assertThatThrownBy(() -> layout.source(null, "oci:src")).isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("holds 2 images (1.0, 2.0)");
    }

    @Test
    void aDirectoryThatIsNoLayoutIsRefusedClearly() throws Exception {
        Files.createDirectories(dir.resolve("junk"));
        Files.writeString(dir.resolve("junk/file"), "x");
        assertThatThrownBy(() -> OciLayout.open(dir.resolve("junk"))).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("is not an OCI image layout (no oci-layout file)");
        assertThatThrownBy(() -> OciLayout.create(dir.resolve("junk"))).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("neither an OCI image layout nor empty");
        Files.writeString(dir.resolve("junk/oci-layout"), "{\"imageLayoutVersion\":\"2.0.0\"}");
        assertThatThrownBy(() -> OciLayout.open(dir.resolve("junk"))).hasMessageContaining("unsupported version '2.0.0'");
    }

    @Test
    void copyingBetweenLayoutsKeepsTheManifestDigestAndSkipsBlobsTheSinkHas() throws Exception {
        OciLayout source = layoutWith("v1", 3, Compression.GZIP, 5);
        OciLayout target = OciLayout.create(dir.resolve("dst"));
        Descriptor original = source.find("v1").orElseThrow();
        CopyResult first;
        try (ImageSource in = source.source("v1", "src"); ImageSink out = target.sink(List.of("v1"), "dst")) {
            first = copier.copy(in, out, CopyOptions.DEFAULT);
        }
        assertThat(first.root().digest()).isEqualTo(original.digest());
        assertThat(first.blobsCopied()).isEqualTo(4);
        assertThat(Files.readAllBytes(target.blobs().path(original.digest())))
                .isEqualTo(Files.readAllBytes(source.blobs().path(original.digest())));
        CopyResult second;
        try (ImageSource in = source.source("v1", "src"); ImageSink out = target.sink(List.of("v2"), "dst")) {
            second = copier.copy(in, out, CopyOptions.DEFAULT);
        }
        assertThat(second.blobsSkipped()).isEqualTo(4);
        assertThat(target.find("v2")).hasValueSatisfying(d -> assertThat(d.digest()).isEqualTo(original.digest()));
        assertThat(dir.resolve("dst/.kiln-ingest")).doesNotExist();
    }

    @Test
    void convertingToDockerRewritesMediaTypesButKeepsEveryBlob() throws Exception {
        OciLayout source = layoutWith("v1", 2, Compression.ZSTD, 6);
        OciLayout target = OciLayout.create(dir.resolve("docker"));
        CopyResult result;
        try (ImageSource in = source.source("v1", "src"); ImageSink out = target.sink(List.of("v1"), "dst")) {
            result = copier.copy(in, out, CopyOptions.DEFAULT.withSchema(Schema.DOCKER));
        }
        assertThat(result.root().mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST);
        try (ImageSource in = target.source("v1", "dst"); ImageSource orig = source.source("v1", "src")) {
            Image converted = Images.resolve(in, Platform.host());
            Image original = Images.resolve(orig, Platform.host());
            assertThat(converted.manifest().schema()).isEqualTo(Schema.DOCKER);
            assertThat(converted.configDescriptor().mediaType()).isEqualTo(MediaType.DOCKER_CONFIG);
            assertThat(converted.configBytes()).isEqualTo(original.configBytes());
            assertThat(converted.layers()).extracting(l -> l.descriptor().mediaType())
                    .containsOnly(MediaType.DOCKER_LAYER_ZSTD);
            assertThat(converted.layers()).extracting(l -> l.descriptor().digest())
                    .isEqualTo(original.layers().stream().map(l -> l.descriptor().digest()).toList());
        }
    }

    @Test
    void recompressingLayersKeepsDiffIdsAndChangesDigests() throws Exception {
        OciLayout source = layoutWith("v1", 2, Compression.NONE, 7);
        OciLayout target = OciLayout.create(dir.resolve("zstd"));
        try (ImageSource in = source.source("v1", "src"); ImageSink out = target.sink(List.of("v1"), "dst")) {
            copier.copy(in, out, CopyOptions.DEFAULT.withCompression(Compression.ZSTD));
        }
        try (ImageSource in = target.source("v1", "dst"); ImageSource orig = source.source("v1", "src")) {
            Image zstd = Images.resolve(in, Platform.host());
            Image plain = Images.resolve(orig, Platform.host());
            assertThat(zstd.config().diffIds()).isEqualTo(plain.config().diffIds());
            assertThat(zstd.layers()).allSatisfy(l -> assertThat(l.compression()).isEqualTo(Compression.ZSTD));
            assertThat(zstd.layers().get(0).measureUncompressed()).isEqualTo(plain.layers().get(0).size());
            assertThat(zstd.storedSize()).isLessThan(plain.storedSize() + 2000);
        }
    }

    @Test
    void anIndexCopiesWholeOrOnePlatformOutOfIt() throws Exception {
        OciLayout layout = OciLayout.create(dir.resolve("multi"));
        Descriptor amd = TestImages.write(layout.blobs(), 1, Compression.GZIP, 20, Platform.parse("linux/amd64"), 512)
                .manifest().withPlatform(Platform.parse("linux/amd64"));
        Descriptor arm = TestImages.write(layout.blobs(), 1, Compression.GZIP, 21, Platform.parse("linux/arm64/v8"), 512)
                .manifest().withPlatform(Platform.parse("linux/arm64/v8"));
        byte[] indexBytes = ImageIndex.of(Schema.OCI, List.of(amd, arm)).toJson();
        layout.blobs().put(indexBytes);
        Descriptor index = Descriptor.of(MediaType.OCI_INDEX, indexBytes);
        layout.update(e -> OciLayout.retag(e, index, List.of("multi")));

        OciLayout all = OciLayout.create(dir.resolve("all"));
        try (ImageSource in = layout.source("multi", "src"); ImageSink out = all.sink(List.of("m"), "all")) {
            assertThat(copier.copy(in, out, CopyOptions.DEFAULT).root().digest()).isEqualTo(index.digest());
        }
        assertThat(all.blobs().has(amd.digest())).isTrue();
        assertThat(all.blobs().has(arm.digest())).isTrue();

        OciLayout one = OciLayout.create(dir.resolve("one"));
        try (ImageSource in = layout.source("multi", "src"); ImageSink out = one.sink(List.of("m"), "one")) {
            CopyResult result = copier.copy(in, out, CopyOptions.DEFAULT.withPlatform(Platform.parse("linux/aarch64")));
            assertThat(result.root().digest()).isEqualTo(arm.digest());
        }
        assertThat(one.blobs().has(amd.digest())).isFalse();
        try (ImageSource in = layout.source("multi", "src")) {
            assertThatThrownBy(() -> Images.resolve(in, Platform.parse("linux/s390x")))
                    .hasMessageContaining("has no image for linux/s390x (it has: linux/amd64, linux/arm64/v8)");
        }
    }

    @Test
    void ociArchivesRoundTripTheSameManifest() throws Exception {
        OciLayout source = layoutWith("v1", 2, Compression.GZIP, 8);
        Path archive = dir.resolve("image.tar");
        try (ImageSource in = source.source("v1", "src"); ImageSink out = OciArchive.sink(archive, "v1", "oci-archive")) {
            copier.copy(in, out, CopyOptions.DEFAULT);
        }
        assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".partial"));
        try (ImageSource in = OciArchive.source(archive, "v1", dir, "oci-archive:image.tar:v1")) {
            Image image = Images.resolve(in, Platform.host());
            assertThat(image.descriptor().digest()).isEqualTo(source.find("v1").orElseThrow().digest());
            for (Layer layer : image.layers()) {
                try (InputStream s = layer.openUncompressed()) {
                    s.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
        }
    }

    @Test
    void anAbandonedSinkPublishesNothing() throws Exception {
        OciLayout source = layoutWith("v1", 1, Compression.GZIP, 9);
        OciLayout target = OciLayout.create(dir.resolve("abandoned"));
        Path archive = dir.resolve("abandoned.tar");
        try (ImageSource in = source.source("v1", "src");
             ImageSink layoutSink = target.sink(List.of("v1"), "dst");
             ImageSink archiveSink = OciArchive.sink(archive, "v1", "a")) {
            Image image = Images.resolve(in, Platform.host());
            try (InputStream layer = image.layers().get(0).openCompressed()) {
                layoutSink.write(image.layers().get(0).descriptor(), layer);
            }
            try (InputStream layer = image.layers().get(0).openCompressed()) {
                archiveSink.write(image.layers().get(0).descriptor(), layer);
            }
        }
        assertThat(target.manifests()).isEmpty();
        assertThat(archive).doesNotExist();
        assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".partial"));
    }

    @Test
    void embeddedDataIsReadFromTheDescriptorWithoutABlobAndStillVerified() throws Exception {
        OciLayout layout = OciLayout.create(dir.resolve("embedded"));
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Descriptor plain = Descriptor.of(MediaType.OCI_CONFIG, config);
        String data = java.util.Base64.getEncoder().encodeToString(config);
        Descriptor embedded = new Descriptor(plain.mediaType(), plain.digest(), plain.size(), null, null, null, null, data);
        try (ImageSource source = new LayoutSource(layout.blobs(), embedded, "embedded")) {
            assertThat(layout.blobs().has(plain.digest())).as("no blob file").isFalse();
            try (InputStream in = source.open(embedded)) {
                assertThat(in.readAllBytes()).isEqualTo(config);
            }
            Descriptor lying = new Descriptor(plain.mediaType(), plain.digest(), plain.size(), null, null, null, null,
                    java.util.Base64.getEncoder().encodeToString("{\"os\":\"windows\",\"architecture\":\"amd\"}"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> source.read(lying, 1024)).hasMessageContaining(plain.digest().toString())
                    .hasMessageContaining("embedded");
        }
    }
}
