package dev.kiln.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.event.EventSink;
import dev.kiln.format.layout.LayoutSource;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.CopyOptions;
import dev.kiln.image.Image;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.image.Images;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.Platform;
import dev.kiln.ref.ImageReference;
import dev.kiln.tar.Compression;
import dev.kiln.testing.TestImages;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackedLayersTest {

    @TempDir
    Path dir;
    private Store store;
    private UnpackedLayers layers;
    private Image image;

    @BeforeEach
    void setUp() throws Exception {
        store = Store.open(dir.resolve("home"));
        layers = new UnpackedLayers(store, EventSink.NONE);
        OciLayout scratch = OciLayout.create(dir.resolve("scratch"));
        Descriptor root = TestImages.write(scratch.blobs(), 3, Compression.GZIP, 5).manifest();
        try (ImageSource source = new LayoutSource(scratch.blobs(), root, "scratch");
             ImageSink sink = store.sink(List.of(ImageReference.parse("u:1")))) {
            new ImageCopier(EventSink.NONE).copy(source, sink, CopyOptions.DEFAULT);
        }
        try (ImageSource source = store.source(store.resolve("u:1"))) {
            image = Images.resolve(source, Platform.host());
        }
    }

    @Test
    void unpackGivesTheTopmostLayerFirstAndExtractsEachLayerOnlyOnce() throws Exception {
        assertThat(layers.has(image.layers().get(0).diffId())).isFalse();
        List<Path> dirs = layers.unpack(image);
        assertThat(dirs).containsExactly(store.layerCacheDir(image.layers().get(2).diffId()),
                store.layerCacheDir(image.layers().get(1).diffId()), store.layerCacheDir(image.layers().get(0).diffId()));
        assertThat(dirs).allSatisfy(d -> assertThat(d).isDirectory());
        Path marker = Files.writeString(dirs.get(0).resolve("marker"), "kept");
        assertThat(layers.unpack(image)).isEqualTo(dirs);
        assertThat(marker).hasContent("kept");
    }

    @Test
    void adoptKeepsAnUnpackedLayerThatIsAlreadyThereWithoutCallingTheFiller() throws Exception {
        Path existing = layers.unpack(image.layers().subList(0, 1)).topFirst().get(0);
        AtomicInteger calls = new AtomicInteger();
        Path adopted = layers.adopt(image.layers().get(0).diffId(), target -> calls.incrementAndGet());
        assertThat(adopted).isEqualTo(existing);
        assertThat(calls).hasValue(0);
    }

    @Test
    void aFillerThatLosesTheRaceToAnotherProcessKeepsTheWinnersCopy() throws Exception {
        Digest diffId = Digest.sha256("made by a step");
        Path adopted = layers.adopt(diffId, target -> {
            Files.createDirectories(target.resolve("etc"));
            throw new FileSystemException(target.toString(), null, "Directory not empty");
        });
        assertThat(adopted.resolve("etc")).isDirectory();
        assertThat(layers.has(diffId)).isTrue();
    }

    @Test
    void aFillerThatFailsWithNothingInPlaceFails() {
        Digest diffId = Digest.sha256("failed step");
        assertThatThrownBy(() -> layers.adopt(diffId, target -> {
            throw new FileSystemException(target.toString(), null, "No space left on device");
        })).isInstanceOf(FileSystemException.class).hasMessageContaining("No space left");
        assertThat(layers.has(diffId)).isFalse();
    }

    @Test
    void dropUnusedDeletesOnlyLayersOutsideTheLiveSet() throws Exception {
        List<Path> dirs = layers.unpack(image);
        int dropped = layers.dropUnused(java.util.Set.of(image.layers().get(1).diffId()), java.util.Set.of());
        assertThat(dropped).isEqualTo(2);
        assertThat(dirs.get(1)).isDirectory();
        assertThat(dirs.get(0)).doesNotExist();
        assertThat(dirs.get(2)).doesNotExist();
    }
}
