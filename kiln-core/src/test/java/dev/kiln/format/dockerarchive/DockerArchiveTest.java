package dev.kiln.format.dockerarchive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.event.EventSink;
import dev.kiln.format.ArchiveTarWriter;
import dev.kiln.format.TarArchiveIndex;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.CopyOptions;
import dev.kiln.image.CopyResult;
import dev.kiln.image.Image;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageNotFoundException;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.image.Images;
import dev.kiln.image.Layer;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.ImageFormatException;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Platform;
import dev.kiln.ref.ImageReference;
import dev.kiln.tar.Compression;
import dev.kiln.testing.TestImages;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DockerArchiveTest {

    @TempDir
    Path dir;

    private final ImageCopier copier = new ImageCopier(EventSink.NONE);

    private OciLayout layout(int layers, Compression compression, long seed) throws Exception {
        OciLayout layout = OciLayout.create(dir.resolve("src"));
        TestImages.Written image = TestImages.write(layout.blobs(), layers, compression, seed);
        layout.update(entries -> OciLayout.retag(entries, image.manifest(), List.of("v1")));
        return layout;
    }

    private Path export(OciLayout layout, DockerArchiveSink.Form form, String... names) throws Exception {
        Path archive = dir.resolve("image-" + form + ".tar");
        List<ImageReference> refs = new java.util.ArrayList<>();
        for (String name : names) {
            refs.add(ImageReference.parse(name));
        }
        try (ImageSource in = layout.source("v1", "src");
             ImageSink out = new DockerArchiveSink(archive, refs, form, "docker-archive:" + archive)) {
            CopyResult result = copier.copy(in, out, CopyOptions.DEFAULT);
            assertThat(result.root().mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
        }
        return archive;
    }

    @ParameterizedTest
    @EnumSource(DockerArchiveSink.Form.class)
    void exportedArchivesReadBackWithUncompressedLayersAndTheSameDiffIdsAndConfig(DockerArchiveSink.Form form)
            throws Exception {
        OciLayout layout = layout(3, Compression.GZIP, 1);
        Path archive = export(layout, form, "app:1.0.0-1", "registry.example.com/team/app:1.0.0-1");
        Image original;
        try (ImageSource in = layout.source("v1", "src")) {
            original = Images.resolve(in, Platform.host());
        }
        try (DockerArchiveReader reader = DockerArchiveReader.open(archive, dir)) {
            assertThat(reader.images()).hasSize(1);
            assertThat(reader.images().get(0).names()).extracting(ImageReference::familiar)
                    .containsExactly("app:1.0.0-1", "registry.example.com/team/app:1.0.0-1");
            ImageSource source = reader.source(reader.find(ImageReference.parse("app:1.0.0-1"), -1), "archive");
            Image image = Images.resolve(source, Platform.host());
            assertThat(image.configBytes()).isEqualTo(original.configBytes());
            assertThat(image.config().diffIds()).isEqualTo(original.config().diffIds());
            for (Layer layer : image.layers()) {
                assertThat(layer.compression()).isEqualTo(Compression.NONE);
                assertThat(layer.descriptor().digest()).isEqualTo(layer.diffId());
                assertThat(layer.measureUncompressed()).isEqualTo(layer.size());
            }
        }
        try (TarArchiveIndex index = TarArchiveIndex.open(archive, dir)) {
            if (form == DockerArchiveSink.Form.CLASSIC) {
                assertThat(index.names()).contains("manifest.json", "repositories",
                        original.config().diffIds().get(0).encoded() + "/layer.tar",
                        original.configDescriptor().digest().encoded() + ".json");
                assertThat(index.names()).noneMatch(n -> n.startsWith("blobs/"));
            } else {
                assertThat(index.names()).contains("manifest.json", "index.json", "oci-layout",
                        "blobs/sha256/" + original.config().diffIds().get(0).encoded());
            }
        }
    }

    @Test
    void theOciFormKeepsItsOwnManifestSoTheDigestSurvivesASecondExport() throws Exception {
        OciLayout layout = layout(1, Compression.NONE, 2);
        Path archive = export(layout, DockerArchiveSink.Form.OCI, "app:1");
        Descriptor root;
        try (DockerArchiveReader reader = DockerArchiveReader.open(archive, dir)) {
            root = reader.source(reader.find(null, -1), "a").root();
        }
        assertThat(root.digest()).isEqualTo(layout.find("v1").orElseThrow().digest());
    }

    @Test
    void aGzippedArchiveIsReadThroughATempFileThatCloseRemoves() throws Exception {
        OciLayout layout = layout(1, Compression.GZIP, 3);
        Path archive = export(layout, DockerArchiveSink.Form.CLASSIC, "app:1");
        Path gz = dir.resolve("image.tar.gz");
        try (InputStream in = Files.newInputStream(archive); OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            in.transferTo(out);
        }
        Path temp = Files.createDirectories(dir.resolve("temp"));
        try (DockerArchiveReader reader = DockerArchiveReader.open(gz, temp)) {
            assertThat(Files.list(temp)).hasSize(1);
            // A gc deleting temp files meanwhile does not pull the archive from under the reader.
            for (Path file : Files.list(temp).toList()) {
                Files.delete(file);
            }
            Image image = Images.resolve(reader.source(reader.find(null, -1), "gz"), Platform.host());
            assertThat(image.layers().get(0).measureUncompressed()).isPositive();
        }
        assertThat(Files.list(temp)).isEmpty();
    }

    @Test
    void aTamperedConfigIsCaughtByItsFileName() throws Exception {
        Path archive = dir.resolve("tampered.tar");
        String hex = "a".repeat(64);
        try (ArchiveTarWriter writer = new ArchiveTarWriter(archive, Instant.EPOCH)) {
            writer.addFile("manifest.json", ("[{\"Config\":\"" + hex + ".json\",\"RepoTags\":[\"x:1\"],\"Layers\":[]}]").getBytes());
            writer.addFile(hex + ".json", "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes());
            writer.finish();
        }
        try (DockerArchiveReader reader = DockerArchiveReader.open(archive, dir)) {
            assertThatThrownBy(() -> reader.source(reader.find(null, -1), "t")).isInstanceOf(ImageFormatException.class)
                    .hasMessageContaining(hex + ".json does not match its name");
        }
    }

    /** A classic archive whose one layer.tar is the gzip layer of {@code layer}, with these diff_ids in its config. */
    private Path gzipLayerArchive(Image layer, List<dev.kiln.oci.Digest> diffIds, String name) throws Exception {
        Path archive = dir.resolve(name);
        byte[] configBytes = layer.config().withDiffIds(diffIds).toJson();
        String configName = dev.kiln.oci.Digest.sha256(configBytes).encoded() + ".json";
        try (ArchiveTarWriter writer = new ArchiveTarWriter(archive, Instant.EPOCH)) {
            try (InputStream in = layer.layers().get(0).openCompressed()) {
                ArchiveTarWriter.FileEntry entry = writer.begin();
                in.transferTo(entry.stream());
                entry.finish("aaa/layer.tar");
            }
            writer.addFile(configName, configBytes);
            writer.addFile("manifest.json", ("[{\"Config\":\"" + configName
                    + "\",\"RepoTags\":[\"x:1\"],\"Layers\":[\"aaa/layer.tar\"]}]").getBytes());
            writer.finish();
        }
        return archive;
    }

    @Test
    void aCompressedClassicLayerIsCheckedAgainstItsConfigDiffIdWhenTheArchiveIsRead() throws Exception {
        OciLayout layout = layout(2, Compression.GZIP, 9);
        Image original;
        try (ImageSource in = layout.source("v1", "src")) {
            original = Images.resolve(in, Platform.host());
        }
        Path good = gzipLayerArchive(original, List.of(original.config().diffIds().get(0)), "good.tar");
        try (DockerArchiveReader reader = DockerArchiveReader.open(good, dir)) {
            Image image = Images.resolve(reader.source(reader.find(null, -1), "good"), Platform.host());
            assertThat(image.layers().get(0).descriptor().digest()).isEqualTo(original.layers().get(0).descriptor().digest());
        }
        // the config claims the other layer's diff_id: the archive must be refused, naming the entry
        Path lying = gzipLayerArchive(original, List.of(original.config().diffIds().get(1)), "lying.tar");
        try (DockerArchiveReader reader = DockerArchiveReader.open(lying, dir)) {
            assertThatThrownBy(() -> reader.source(reader.find(null, -1), "lying"))
                    .isInstanceOf(ImageFormatException.class)
                    .hasMessageContaining(lying + ":aaa/layer.tar: its uncompressed content hashes to "
                            + original.config().diffIds().get(0))
                    .hasMessageContaining("diff_ids[0] is " + original.config().diffIds().get(1));
        }
    }

    @Test
    void layersThatAreSymlinksToOtherLayersResolveLikeDockerSaveWritesThem() throws Exception {
        OciLayout layout = layout(1, Compression.NONE, 4);
        Image original;
        try (ImageSource in = layout.source("v1", "src")) {
            original = Images.resolve(in, Platform.host());
        }
        Path archive = dir.resolve("linked.tar");
        String diff = original.config().diffIds().get(0).encoded();
        String configName = original.configDescriptor().digest().encoded() + ".json";
        var config = original.config().withDiffIds(List.of(original.config().diffIds().get(0), original.config().diffIds().get(0)));
        byte[] configBytes = config.toJson();
        String twoLayerConfig = dev.kiln.oci.Digest.sha256(configBytes).encoded() + ".json";
        try (ArchiveTarWriter writer = new ArchiveTarWriter(archive, Instant.EPOCH)) {
            try (InputStream in = original.layers().get(0).openCompressed()) {
                ArchiveTarWriter.FileEntry entry = writer.begin();
                in.transferTo(entry.stream());
                entry.finish("aaa/layer.tar");
            }
            writer.addFile(twoLayerConfig, configBytes);
            writer.addFile("manifest.json", ("[{\"Config\":\"" + twoLayerConfig
                    + "\",\"RepoTags\":null,\"Layers\":[\"aaa/layer.tar\",\"bbb/layer.tar\"]}]").getBytes());
            writer.finish();
        }
        // add the symlink entry with commons-compress: bbb/layer.tar -> ../aaa/layer.tar
        Path linked = dir.resolve("linked2.tar");
        try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(Files.newOutputStream(linked));
             var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(archive))) {
            org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.putArchiveEntry(e);
                in.transferTo(out);
                out.closeArchiveEntry();
            }
            var link = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("bbb/layer.tar",
                    org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK);
            link.setLinkName("../aaa/layer.tar");
            out.putArchiveEntry(link);
            out.closeArchiveEntry();
        }
        try (DockerArchiveReader reader = DockerArchiveReader.open(linked, dir)) {
            Image image = Images.resolve(reader.source(reader.find(null, -1), "linked"), Platform.host());
            assertThat(image.layers()).hasSize(2);
            assertThat(image.layers().get(1).measureUncompressed()).isEqualTo(original.layers().get(0).size());
            assertThat(diff).isEqualTo(image.layers().get(1).diffId().encoded());
            assertThat(configName).isNotEqualTo(twoLayerConfig);
        }
    }

    @Test
    void namesAndIndexesSelectImagesAndMistakesListWhatIsThere() throws Exception {
        OciLayout layout = layout(1, Compression.NONE, 5);
        Path archive = export(layout, DockerArchiveSink.Form.OCI, "app:1");
        try (DockerArchiveReader reader = DockerArchiveReader.open(archive, dir)) {
            assertThat(reader.find(null, 0).names()).extracting(ImageReference::familiar).containsExactly("app:1");
            assertThatThrownBy(() -> reader.find(ImageReference.parse("app:2"), -1))
                    .isInstanceOf(ImageNotFoundException.class).hasMessageContaining("no image named app:2")
                    .hasMessageContaining("(it has: app:1)");
            assertThatThrownBy(() -> reader.find(null, 3)).hasMessageContaining("has 1 images, no @3");
        }
    }

    @Test
    void aFileThatIsNoTarIsRefusedNamingIt() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.tar"), "this is not a tar archive at all".repeat(40));
        assertThatThrownBy(() -> DockerArchiveReader.open(junk, dir)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining(junk + ": not a tar archive");
    }
}
