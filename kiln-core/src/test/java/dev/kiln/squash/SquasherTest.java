package dev.kiln.squash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.KilnException;
import dev.kiln.format.layout.LayoutSink;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.Image;
import dev.kiln.image.Layer;
import dev.kiln.oci.History;
import dev.kiln.tar.Compression;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SquasherTest {

    @TempDir
    Path tmp;

    private static TreeModel.Item dir(String path) {
        return new TreeModel.Item(LayerEntry.directory(path), null);
    }

    private static TreeModel.Item file(String path, byte[] content) {
        return new TreeModel.Item(LayerEntry.builder(path, EntryType.FILE).size(content.length).build(), content);
    }

    private static TreeModel.Item whiteout(String path) {
        return new TreeModel.Item(LayerEntry.whiteout(path), null);
    }

    /** base (etc, bin), then a 20 MiB random file, then its deletion and a small change. */
    private static List<List<TreeModel.Item>> wasteful() {
        byte[] big = new byte[20 << 20];
        new Random(42).nextBytes(big);
        return List.of(
                List.of(dir("etc"), file("etc/os-release", "ID=test\n".getBytes()), dir("bin"),
                        file("bin/sh", "#!binary".getBytes())),
                List.of(dir("tmp"), file("tmp/download.bin", big)),
                List.of(dir("tmp"), whiteout("tmp/download.bin"), file("etc/app.conf", "x=1\n".getBytes())));
    }

    private SquashResult squash(OciLayout layout, LayerRange range, String outTag) throws Exception {
        Image image = TestImages.load(layout, "1.0");
        try (LayoutSink sink = layout.sink(List.of(outTag), "oci:" + layout.directory() + ":" + outTag)) {
            return Squasher.squash(image, range, SquashOptions.defaults().withMessage("squash test")
                    .withCreated(Instant.ofEpochSecond(1_700_000_000L))
                    .withMerge(MergeOptions.defaults().withSpoolDirectory(tmp.resolve("spool"))), sink);
        }
    }

    @Test
    void wastefulImageShrinksByAtLeastTheDeletedBytesAndReportsRealBlobSizes() throws Exception {
        OciLayout layout = OciLayout.create(tmp.resolve("layout"));
        TestImages.write(layout, "1.0", wasteful(), Compression.GZIP);

        SquashResult result = squash(layout, new LayerRange.Last(2), "squashed");

        Image before = TestImages.load(layout, "1.0");
        Image after = TestImages.load(layout, "squashed");
        long blobBytesBefore = 0;
        for (Layer l : before.layers()) {
            blobBytesBefore += Files.size(TestImages.blob(layout, l.descriptor()));
        }
        long blobBytesAfter = 0;
        for (Layer l : after.layers()) {
            blobBytesAfter += Files.size(TestImages.blob(layout, l.descriptor()));
        }
        assertThat(result.compressed().before()).isEqualTo(blobBytesBefore);
        assertThat(result.compressed().after()).isEqualTo(blobBytesAfter);
        assertThat(result.compressed().saved()).isGreaterThanOrEqualTo(20L << 20);
        assertThat(result.uncompressed().saved()).isGreaterThanOrEqualTo(20L << 20);
        long uncompressedAfter = 0;
        for (Layer l : after.layers()) {
            uncompressedAfter += l.measureUncompressed();
        }
        assertThat(result.uncompressed().after()).isEqualTo(uncompressedAfter);
        assertThat(result.stats().bytesDropped()).isEqualTo(20L << 20);
        assertThat(result.stats().whiteoutsKept()).isZero(); // the deleted file never reached the base layer
    }

    @Test
    void squashKeepsBaseLayerBlobAndRewritesDiffIdsAndHistory() throws Exception {
        OciLayout layout = OciLayout.create(tmp.resolve("layout"));
        TestImages.write(layout, "1.0", wasteful(), Compression.GZIP);

        SquashResult result = squash(layout, new LayerRange.From("1"), "squashed");

        Image before = TestImages.load(layout, "1.0");
        Image after = TestImages.load(layout, "squashed");
        assertThat(after.layers()).hasSize(2);
        assertThat(after.layers().get(0).descriptor()).isEqualTo(before.layers().get(0).descriptor());
        assertThat(after.config().diffIds()).containsExactly(before.config().diffIds().get(0), result.mergedDiffId());
        List<History> history = after.config().history();
        // ENV (empty), base, the two merged steps kept as empty_layer records, then the merged layer
        assertThat(history).extracting(History::emptyLayer).containsExactly(true, false, true, true, false);
        assertThat(history.get(4).comment()).isEqualTo("squash test");
        assertThat(history.get(2).createdBy()).isEqualTo("RUN step 1");
        assertThat(after.config().created()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));

        TreeModel expected = new TreeModel();
        for (Layer l : before.layers()) {
            try (var in = l.openCompressed()) {
                expected.applyBlob(in.readAllBytes());
            }
        }
        TreeModel actual = new TreeModel();
        for (Layer l : after.layers()) {
            try (var in = l.openCompressed()) {
                actual.applyBlob(in.readAllBytes());
            }
        }
        assertThat(actual.describe()).isEqualTo(expected.describe());
    }

    @Test
    void whiteoutOfABaseFileIsKeptAndAnUnknownOneDropped() throws Exception {
        OciLayout layout = OciLayout.create(tmp.resolve("layout"));
        TestImages.write(layout, "1.0", List.of(
                List.of(dir("etc"), file("etc/passwd", "root".getBytes()), file("etc/shadow", "x".getBytes())),
                List.of(dir("etc"), whiteout("etc/shadow"), whiteout("etc/never-existed")),
                List.of(file("etc/motd", "hi".getBytes()))), Compression.GZIP);

        SquashResult result = squash(layout, new LayerRange.Last(2), "squashed");

        Image after = TestImages.load(layout, "squashed");
        List<String> paths = new ArrayList<>();
        try (var in = after.layers().get(1).openCompressed()) {
            TreeModel.read(in.readAllBytes()).forEach(i -> paths.add(i.entry().path()));
        }
        assertThat(paths).containsExactly("etc/.wh.shadow", "etc", "etc/motd");
        assertThat(result.stats().whiteoutsKept()).isEqualTo(1);
    }

    @Test
    void allLayersSquashToOneWithoutWhiteouts() throws Exception {
        OciLayout layout = OciLayout.create(tmp.resolve("layout"));
        TestImages.write(layout, "1.0", wasteful(), Compression.ZSTD);

        SquashResult result = squash(layout, new LayerRange.All(), "squashed");

        Image after = TestImages.load(layout, "squashed");
        assertThat(after.layers()).hasSize(1);
        assertThat(after.layers().get(0).descriptor().mediaType()).endsWith("tar+gzip");
        try (var in = after.layers().get(0).openCompressed()) {
            assertThat(TreeModel.read(in.readAllBytes())).noneMatch(i -> i.entry().isWhiteout());
        }
        assertThat(result.layersAfter()).isEqualTo(1);
    }

    @Test
    void rangesThatDoNotFitTheImageAreBadInput() throws Exception {
        OciLayout layout = OciLayout.create(tmp.resolve("layout"));
        TestImages.write(layout, "1.0", wasteful(), Compression.GZIP);
        for (LayerRange bad : List.of(new LayerRange.Last(4), new LayerRange.Last(0), new LayerRange.From("3"),
                new LayerRange.From("ffffffff"), new LayerRange.From("xyz"))) {
            assertThatThrownBy(() -> squash(layout, bad, "x")).isInstanceOf(SquashException.class)
                    .satisfies(e -> assertThat(((KilnException) e).kind()).isEqualTo(KilnException.Kind.BAD_INPUT));
        }
        assertThat(layout.find("x")).isEmpty();
    }

    @Test
    void fromAcceptsADiffIdPrefix() throws Exception {
        OciLayout layout = OciLayout.create(tmp.resolve("layout"));
        TestImages.write(layout, "1.0", wasteful(), Compression.GZIP);
        Image before = TestImages.load(layout, "1.0");
        String prefix = before.config().diffIds().get(1).encoded().substring(0, 12);

        SquashResult result = squash(layout, new LayerRange.From("sha256:" + prefix), "squashed");

        assertThat(result.span().from()).isEqualTo(1);
        assertThat(result.span().size()).isEqualTo(2);
    }
}
