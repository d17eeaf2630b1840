package dev.kiln.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.event.EventSink;
import dev.kiln.format.layout.LayoutSource;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.CopyOptions;
import dev.kiln.image.Image;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageNotFoundException;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.image.Images;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.ImageFormatException;
import dev.kiln.oci.Platform;
import dev.kiln.ref.ImageReference;
import dev.kiln.tar.Compression;
import dev.kiln.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

    @TempDir
    Path dir;
    private Store store;
    private OciLayout scratch;

    @BeforeEach
    void setUp() throws Exception {
        store = Store.open(dir.resolve("home"));
        scratch = OciLayout.create(dir.resolve("scratch"));
    }

    static ImageReference ref(String text) throws Exception {
        return ImageReference.parse(text);
    }

    /** Writes a test image into the scratch layout and copies it into the store under the names. */
    private Descriptor add(long seed, String... names) throws Exception {
        Descriptor root = TestImages.write(scratch.blobs(), 2, Compression.GZIP, seed).manifest();
        List<ImageReference> refs = new java.util.ArrayList<>();
        for (String name : names) {
            refs.add(ref(name));
        }
        try (ImageSource source = new LayoutSource(scratch.blobs(), root, "scratch");
             ImageSink sink = store.sink(refs)) {
            new ImageCopier(EventSink.NONE).copy(source, sink, CopyOptions.DEFAULT);
        }
        return root;
    }

    @Test
    void theDefaultHomeFollowsKilnHomeThenXdgThenHome() {
        assertThat(Store.defaultHome(Map.of("KILN_HOME", "/k", "HOME", "/h"))).isEqualTo(Path.of("/k"));
        assertThat(Store.defaultHome(Map.of("XDG_DATA_HOME", "/x", "HOME", "/h"))).isEqualTo(Path.of("/x/kiln"));
        assertThat(Store.defaultHome(Map.of("HOME", "/h"))).isEqualTo(Path.of("/h/.local/share/kiln"));
    }

    @Test
    void theStoreIsAnOciLayoutNamingImagesByFullReference() throws Exception {
        Descriptor root = add(1, "busybox:1.36.1-1");
        assertThat(OciLayout.open(dir.resolve("home")).find("docker.io/library/busybox:1.36.1-1"))
                .hasValueSatisfying(d -> assertThat(d.digest()).isEqualTo(root.digest()));
        assertThat(store.images()).singleElement().satisfies(i -> {
            assertThat(i.name()).contains(ref("busybox:1.36.1-1"));
            assertThat(i.display()).isEqualTo("busybox:1.36.1-1");
        });
    }

    @Test
    void resolveAcceptsNamesDigestsAndUniquePrefixes() throws Exception {
        Descriptor a = add(2, "app:1.0.0-1", "app:1.0.0");
        Descriptor b = add(3, "app:2.0.0-1");
        assertThat(store.resolve("app:1.0.0").root().digest()).isEqualTo(a.digest());
        assertThat(store.resolve("docker.io/library/app:2.0.0-1").root().digest()).isEqualTo(b.digest());
        assertThat(store.resolve(a.digest().toString()).root().digest()).isEqualTo(a.digest());
        assertThat(store.resolve(a.digest().shortHex()).root().digest()).isEqualTo(a.digest());
        assertThat(store.resolve("app@" + b.digest()).root().digest()).isEqualTo(b.digest());
        try (ImageSource source = store.source(store.resolve("app:1.0.0-1"))) {
            Image image = Images.resolve(source, Platform.host());
            assertThat(image.layers()).hasSize(2);
        }
    }

    @Test
    void aNameWithoutTagIsAnErrorListingTheTagsNeverLatest() throws Exception {
        add(4, "app:1.0.0-1");
        add(5, "app:2.0.0-1");
        assertThatThrownBy(() -> store.resolve("app")).isInstanceOf(ImageNotFoundException.class)
                .hasMessage("app needs a tag: the store has app:1.0.0-1, app:2.0.0-1 (kiln never assumes :latest)");
        assertThatThrownBy(() -> store.resolve("app:3")).hasMessageContaining("no image app:3 in the store")
                .hasMessageContaining("(it has app:1.0.0-1, app:2.0.0-1)");
        assertThatThrownBy(() -> store.resolve("other")).hasMessageContaining("no image other in the store");
        assertThatThrownBy(() -> store.resolve("sha256:" + "0".repeat(64))).isInstanceOf(ImageNotFoundException.class);
    }

    @Test
    void anUncommittedSinkListsNothingAndGcRemovesWhatItLeft() throws Exception {
        Descriptor root = TestImages.write(scratch.blobs(), 2, Compression.GZIP, 6).manifest();
        try (ImageSource source = new LayoutSource(scratch.blobs(), root, "scratch");
             ImageSink sink = store.sink(List.of(ref("half:1")))) {
            Image image = Images.resolve(source, Platform.host());
            try (var in = image.layers().get(0).openCompressed()) {
                sink.write(image.layers().get(0).descriptor(), in);
            }
        }
        Files.write(store.ingestDir().resolve("killed-writer.partial"), new byte[1234]);
        assertThat(store.images()).isEmpty();
        assertThat(store.blobs().list()).hasSize(1);
        GcResult result = store.gc();
        assertThat(result.blobs()).isEqualTo(1);
        assertThat(result.temps()).isEqualTo(1);
        assertThat(result.tempBytes()).isEqualTo(1234);
        assertThat(store.blobs().list()).isEmpty();
    }

    @Test
    void removeUntagsAndGcKeepsBlobsAnotherImageStillUses() throws Exception {
        Descriptor a = add(7, "a:1", "a:2");
        add(8, "b:1");
        int before = store.blobs().list().size();
        assertThat(store.remove(store.resolve("a:1"))).extracting(StoredImage::display).containsExactly("a:1");
        assertThat(store.gc().blobs()).isZero();
        assertThat(store.remove(store.resolve(a.digest().toString()))).extracting(StoredImage::display)
                .containsExactly("a:2");
        GcResult result = store.gc();
        assertThat(result.blobs()).isEqualTo(4);
        assertThat(store.blobs().list()).hasSize(before - 4);
        try (ImageSource source = store.source(store.resolve("b:1"))) {
            for (var layer : Images.resolve(source, Platform.host()).layers()) {
                assertThat(layer.measureUncompressed()).isPositive();
            }
        }
    }

    @Test
    void gcRemovesUnpackedLayersNoImageUsesAndKeepsTheOthers() throws Exception {
        add(9, "c:1");
        Image image;
        try (ImageSource source = store.source(store.resolve("c:1"))) {
            image = Images.resolve(source, Platform.host());
        }
        Path used = Files.createDirectories(store.layerCacheDir(image.layers().get(0).diffId()).resolve("etc"));
        Path unused = Files.createDirectories(store.layerCacheDir(dev.kiln.oci.Digest.sha256("gone")).resolve("bin"));
        Files.writeString(unused.resolve("sh"), "x");
        assertThat(store.gc().layerDirs()).isEqualTo(1);
        assertThat(used).isDirectory();
        assertThat(unused.getParent()).doesNotExist();
    }

    @Test
    void gcKeepsLayersUnpackedForALiveStackAndDropsThoseOfAStackNoImageHas() throws Exception {
        add(12, "f:1");
        Image image;
        try (ImageSource source = store.source(store.resolve("f:1"))) {
            image = Images.resolve(source, Platform.host());
        }
        dev.kiln.oci.Digest chain = null;
        for (var layer : image.layers()) {
            chain = dev.kiln.oci.Digest.chainId(chain, layer.diffId());
        }
        Path live = Files.createDirectories(store.chainCacheDir(chain).resolve("tmp"));
        Path dead = Files.createDirectories(store.chainCacheDir(dev.kiln.oci.Digest.sha256("no such stack")).resolve("tmp"));
        assertThat(store.gc().layerDirs()).isEqualTo(1);
        assertThat(live).isDirectory();
        assertThat(dead.getParent()).doesNotExist();
    }

    @Test
    void gcStopsWithoutDeletingWhenAManifestCannotBeRead() throws Exception {
        Descriptor root = add(10, "d:1");
        Files.writeString(store.blobs().path(root.digest()), "{\"broken\":");
        Files.write(store.ingestDir().resolve("x.partial"), new byte[10]);
        int blobs = store.blobs().list().size();
        assertThatThrownBy(store::gc).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("gc stopped, nothing deleted").hasMessageContaining(root.digest().toString());
        assertThat(store.blobs().list()).hasSize(blobs);
    }

    @Test
    void tagPointsANewNameAtAStoredImage() throws Exception {
        Descriptor root = add(11, "e:1");
        store.tag(root, ref("e:stable"));
        assertThat(store.resolve("e:stable").root().digest()).isEqualTo(root.digest());
        assertThatThrownBy(() -> store.tag(root, ref("e"))).hasMessageContaining("need a tag");
    }

    @Test
    void untaggedImagesAreListedByDigestAndRemovedByIt() throws Exception {
        Descriptor root = add(12);
        assertThat(store.images()).singleElement().satisfies(i -> assertThat(i.name()).isEmpty());
        add(12);
        assertThat(store.images()).hasSize(1);
        assertThat(store.remove(store.resolve(root.digest().shortHex()))).hasSize(1);
        assertThat(store.images()).isEmpty();
    }
}
