package dev.kiln.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.event.EventSink;
import dev.kiln.format.dockerarchive.DockerArchiveSink;
import dev.kiln.format.layout.LayoutSource;
import dev.kiln.format.layout.OciArchive;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.CopyOptions;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.oci.Annotations;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.ImageFormatException;
import dev.kiln.ref.ImageReference;
import dev.kiln.tar.Compression;
import dev.kiln.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoaderTest {

    @TempDir
    Path dir;
    private Store store;
    private ImageLoader loader;
    private final ImageCopier copier = new ImageCopier(EventSink.NONE);

    @BeforeEach
    void setUp() throws Exception {
        store = Store.open(dir.resolve("home"));
        loader = new ImageLoader(store, copier);
    }

    private OciLayout layoutWith(String... refNames) throws Exception {
        OciLayout layout = OciLayout.create(dir.resolve("layout"));
        long seed = 1;
        for (String refName : refNames) {
            Descriptor root = TestImages.write(layout.blobs(), 1, Compression.GZIP, seed++).manifest();
            layout.update(e -> OciLayout.retag(e, root, List.of(refName)));
        }
        return layout;
    }

    @Test
    void aLayoutsFullReferenceNamesBecomeStoreNamesAndBareTagsLoadUntagged() throws Exception {
        layoutWith("docker.io/library/busybox:1.36.1-1", "1.0");
        List<ImageLoader.Loaded> loaded = loader.load(dir.resolve("layout"), List.of(), CopyOptions.DEFAULT);
        assertThat(loaded).hasSize(2);
        assertThat(loaded.get(0).names()).extracting(ImageReference::familiar).containsExactly("busybox:1.36.1-1");
        assertThat(loaded.get(1).names()).isEmpty();
        assertThat(store.images()).extracting(StoredImage::display)
                .containsExactly("busybox:1.36.1-1", "<untagged> " + loaded.get(1).result().root().digest());
    }

    @Test
    void aGivenNameAppliesOnlyToASingleImage() throws Exception {
        layoutWith("1.0");
        loader.load(dir.resolve("layout"), List.of(ImageReference.parse("mine:1.0")), CopyOptions.DEFAULT);
        assertThat(store.resolve("mine:1.0")).isNotNull();
        Descriptor second = TestImages.write(OciLayout.open(dir.resolve("layout")).blobs(), 1, Compression.NONE, 9).manifest();
        OciLayout.open(dir.resolve("layout")).update(e -> OciLayout.retag(e, second, List.of("2.0")));
        assertThatThrownBy(() -> loader.load(dir.resolve("layout"), List.of(ImageReference.parse("x:1")), CopyOptions.DEFAULT))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("holds 2 images");
    }

    @Test
    void dockerArchivesLoadUnderTheirRepoTags() throws Exception {
        OciLayout layout = layoutWith("v1");
        Path archive = dir.resolve("app.tar");
        try (ImageSource in = layout.source("v1", "src");
             ImageSink out = new DockerArchiveSink(archive, List.of(ImageReference.parse("app:2.1.0-1")),
                     DockerArchiveSink.Form.CLASSIC, "archive")) {
            copier.copy(in, out, CopyOptions.DEFAULT);
        }
        List<ImageLoader.Loaded> loaded = loader.load(archive, List.of(), CopyOptions.DEFAULT);
        assertThat(loaded).singleElement().satisfies(l ->
                assertThat(l.names()).extracting(ImageReference::familiar).containsExactly("app:2.1.0-1"));
        assertThat(store.resolve("app:2.1.0-1").root().digest()).isEqualTo(loaded.get(0).result().root().digest());
    }

    @Test
    void ociArchivesLoadToo() throws Exception {
        OciLayout layout = layoutWith("v1");
        Path archive = dir.resolve("oci.tar");
        Descriptor root = layout.find("v1").orElseThrow();
        try (ImageSource in = new LayoutSource(layout.blobs(), root, "src");
             ImageSink out = OciArchive.sink(archive, "docker.io/library/oci:1", "archive")) {
            copier.copy(in, out, CopyOptions.DEFAULT);
        }
        loader.load(archive, List.of(), CopyOptions.DEFAULT);
        assertThat(store.resolve("oci:1").root().digest()).isEqualTo(root.digest());
    }

    @Test
    void containerdNamesWinOverBareRefNames() throws Exception {
        Descriptor entry = new Descriptor(dev.kiln.oci.MediaType.OCI_MANIFEST, dev.kiln.oci.Digest.sha256("x"), 1)
                .withAnnotation(Annotations.REF_NAME, "1.0")
                .withAnnotation(Annotations.CONTAINERD_IMAGE_NAME, "ghcr.io/org/app:1.0");
        assertThat(ImageLoader.nameOf(entry)).contains(ImageReference.parse("ghcr.io/org/app:1.0"));
        assertThat(ImageLoader.nameOf(entry.withAnnotation(Annotations.CONTAINERD_IMAGE_NAME, null))).isEmpty();
    }

    @Test
    void filesThatAreNoImageArchiveAreRefused() throws Exception {
        Path tar = dir.resolve("plain.tar");
        try (var writer = new dev.kiln.format.ArchiveTarWriter(tar, java.time.Instant.EPOCH)) {
            writer.addFile("hello.txt", "hi".getBytes());
            writer.finish();
        }
        assertThatThrownBy(() -> loader.load(tar, List.of(), CopyOptions.DEFAULT)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("is neither a docker archive (no manifest.json) nor an OCI archive");
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.tar"), List.of(), CopyOptions.DEFAULT))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThat(Files.list(store.ingestDir())).isEmpty();
    }
}
