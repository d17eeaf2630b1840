package dev.kiln.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.event.EventSink;
import dev.kiln.format.dockerarchive.DockerArchiveSink;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.CopyOptions;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageNotFoundException;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.image.Images;
import dev.kiln.image.RemoteImages;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Platform;
import dev.kiln.ref.ImageLocation;
import dev.kiln.ref.ImageReference;
import dev.kiln.ref.InvalidReferenceException;
import dev.kiln.tar.Compression;
import dev.kiln.testing.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLocatorTest {

    @TempDir
    Path dir;
    private Store store;
    private ImageLocator locator;
    private Descriptor root;
    private final ImageCopier copier = new ImageCopier(EventSink.NONE);

    @BeforeEach
    void setUp() throws Exception {
        store = Store.open(dir.resolve("home"));
        locator = new ImageLocator(store, null);
        OciLayout scratch = OciLayout.create(dir.resolve("scratch"));
        root = TestImages.write(scratch.blobs(), 2, Compression.GZIP, 1).manifest();
        try (ImageSource in = new dev.kiln.format.layout.LayoutSource(scratch.blobs(), root, "scratch");
             ImageSink out = locator.sink(ImageLocation.parse("app:1.0.0-1"), null, DockerArchiveSink.Form.OCI)) {
            copier.copy(in, out, CopyOptions.DEFAULT);
        }
    }

    private Descriptor exportAndReadBack(String destination) throws Exception {
        try (ImageSource in = locator.source("app:1.0.0-1");
             ImageSink out = locator.sink(ImageLocation.parse(destination), ImageReference.parse("app:1.0.0-1"),
                     DockerArchiveSink.Form.OCI)) {
            copier.copy(in, out, CopyOptions.DEFAULT);
        }
        try (ImageSource back = locator.source(destination)) {
            return Images.resolve(back, Platform.host()).descriptor();
        }
    }

    @Test
    void everyTransportWritesAndReadsTheSameImage() throws Exception {
        assertThat(exportAndReadBack("oci:" + dir.resolve("layout")).digest()).isEqualTo(root.digest());
        assertThat(exportAndReadBack("oci:" + dir.resolve("layout") + ":other").digest()).isEqualTo(root.digest());
        assertThat(exportAndReadBack("oci-archive:" + dir.resolve("oci.tar")).digest()).isEqualTo(root.digest());
        Descriptor fromArchive = exportAndReadBack("docker-archive:" + dir.resolve("d.tar"));
        try (ImageSource back = locator.source("docker-archive:" + dir.resolve("d.tar") + ":app:1.0.0-1")) {
            assertThat(Images.resolve(back, Platform.host()).layers()).allSatisfy(
                    l -> assertThat(l.compression()).isEqualTo(Compression.NONE));
        }
        assertThat(fromArchive.digest()).isNotEqualTo(root.digest());
        assertThat(OciLayout.open(dir.resolve("layout")).find("1.0.0-1")).isPresent();
    }

    @Test
    void storeNamesResolveByDigestPrefixToo() throws Exception {
        try (ImageSource source = locator.source(root.digest().shortHex())) {
            assertThat(source.root().digest()).isEqualTo(root.digest());
        }
    }

    @Test
    void registryLocationsNeedRegistrySupport() {
        assertThatThrownBy(() -> locator.source("docker://busybox:1")).isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("registries are not available");
        assertThatThrownBy(() -> locator.source("missing:1")).isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("no image missing:1 in the store");
    }

    @Test
    void aNameMissingFromTheStoreGoesToTheRegistrySeam() throws Exception {
        List<ImageReference> asked = new ArrayList<>();
        RemoteImages remote = new RemoteImages() {
            @Override
            public ImageSource source(ImageReference reference) throws ImageNotFoundException {
                asked.add(reference);
                throw new ImageNotFoundException("remote: " + reference);
            }

            @Override
            public ImageSink sink(ImageReference reference) {
                throw new UnsupportedOperationException();
            }
        };
        ImageLocator withRemote = new ImageLocator(store, remote);
        try (ImageSource local = withRemote.source("app:1.0.0-1")) {
            assertThat(local.root().digest()).isEqualTo(root.digest());
        }
        assertThatThrownBy(() -> withRemote.source("debian:bookworm")).hasMessage("remote: docker.io/library/debian:bookworm");
        assertThat(asked).containsExactly(ImageReference.parse("debian:bookworm"));
    }

    @Test
    void writingNeedsATagAndArchivesCannotBeWrittenByIndex() {
        assertThatThrownBy(() -> locator.sink(ImageLocation.parse("app"), null, DockerArchiveSink.Form.OCI))
                .isInstanceOf(InvalidReferenceException.class).hasMessageContaining("needs a tag");
        assertThatThrownBy(() -> locator.sink(ImageLocation.parse("docker-archive:x.tar:@1"), null, DockerArchiveSink.Form.OCI))
                .hasMessageContaining("names an image to read");
    }
}
