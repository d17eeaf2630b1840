package dev.kiln.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.Image;
import dev.kiln.image.ImageSource;
import dev.kiln.image.Images;
import dev.kiln.image.Layer;
import dev.kiln.oci.Platform;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerReader;
import dev.kiln.testing.Buildah;
import dev.kiln.testing.BusyboxRootfs;
import dev.kiln.testing.LayoutFiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image built by buildah (overlay storage, so a re-made directory is a real opaque dir; chroot
 * isolation, a layer per RUN) from a busybox base,
 * pushed to an OCI layout and analysed: reclaimable bytes equal the count worked out from the
 * Containerfile, dive's figures equal dive's formulas worked by hand, and both agree with the
 * string-keyed {@link NaiveOverlay} run over the same layers.
 */
class AnalyzeBuildahIT {

    @TempDir
    Path dir;

    private static final String CONTAINERFILE = """
            FROM localhost/base:1
            RUN mkdir -p /data/dir /data/opq && yes a | head -c 100000 > /data/a && yes b | head -c 200000 > /data/b \\
                && yes c | head -c 300000 > /data/dir/c && yes d | head -c 50000 > /data/dir/d \\
                && yes k | head -c 70000 > /data/keep && ln /data/keep /data/keep-link \\
                && yes m | head -c 40000 > /data/chmodme && yes x | head -c 60000 > /data/opq/x
            RUN rm /data/a
            RUN rm -rf /data/dir
            RUN rm /data/keep && chmod 755 /data/chmodme && yes B | head -c 1000 > /data/b
            RUN rm -rf /data/opq && mkdir /data/opq && echo new > /data/opq/y
            """;

    @Test
    void reclaimableBytesOfABuildahImageMatchTheCountFromItsContainerfile() throws Exception {
        Path rootfs = BusyboxRootfs.create(dir.resolve("rootfs"));
        Files.writeString(dir.resolve("Containerfile"), CONTAINERFILE);
        try (Buildah buildah = Buildah.overlay(dir)) {
            buildah.importRootfs(rootfs, "localhost/base:1");
            buildah.build(dir.resolve("Containerfile"), dir, "localhost/app:1");
            buildah.pushToLayout("localhost/app:1", dir.resolve("out"), "app");
        }
        // overlay storage writes a real opaque marker for the re-made directory, not a whiteout per child
        List<String> last = LayoutFiles.tarNames(LayoutFiles.layers(dir.resolve("out"), "app").get(5));
        assertThat(last).contains("data/opq/.wh..wh..opq", "data/opq/y").doesNotContain("data/opq/.wh.x");

        try (ImageSource source = OciLayout.open(dir.resolve("out")).source("app", "oci:out:app")) {
            Image image = Images.resolve(source, Platform.parse("linux/amd64"));
            assertThat(image.layers()).hasSize(6);
            ImageAnalysis a = new Analyzer(AnalysisOptions.defaults()).analyze(ImageInputs.of("oci:out:app", image));

            // a 100000; dir/c + dir/d 350000; b replaced 200000; chmodme re-copied 40000; opq/x 60000;
            // keep is deleted but keep-link still holds its data: 0
            assertThat(a.totals().reclaimableBytes()).isEqualTo(750_000);
            assertThat(a.layers().get(1).hiddenBytes()).isEqualTo(750_000);
            assertThat(a.layers().get(4).metadataOnly()).isEqualTo(1);
            assertThat(a.shadow(1, recordOf(a, 1, "data/chmodme"))).isEqualTo(Shadow.METADATA_CHANGED);
            assertThat(a.exists(a.trie().find("data/keep-link"))).isTrue();
            assertThat(a.subtreeBytes(a.trie().find("data"))).isEqualTo(70_000 + 1000 + 40_000 + 4);

            // dive: paths seen twice: a (100000 + 0), b (200000 + 1000), chmodme (2 x 40000), keep (70000 + 0);
            // /data/dir's files appear once and its whiteout once; dive ignores the opaque marker, so opq/x
            // counts once
            assertThat(a.dive().wastedBytes()).isEqualTo(451_000);
            assertThat(a.shadow(1, recordOf(a, 1, "data/opq/x"))).as("hidden by the opaque dir")
                    .isEqualTo(Shadow.DELETED);
            assertThat(a.trie().find("data/opq/y")).isNotNegative();
            assertThat(a.exists(a.trie().find("data/opq/x"))).isFalse();

            List<List<StackedImage.Item>> layers = new ArrayList<>();
            for (Layer layer : image.layers()) {
                layers.add(entries(layer));
            }
            NaiveOverlay naive = new NaiveOverlay();
            layers.forEach(naive::apply);
            assertThat(a.totals().contentBytes()).isEqualTo(naive.contentBytes);
            assertThat(a.totals().visibleBytes()).isEqualTo(naive.visibleBytes());
            double[] dive = NaiveOverlay.dive(layers);
            assertThat(a.dive().efficiency()).isCloseTo(dive[0], within(1e-12));
            assertThat((double) a.dive().wastedBytes()).isEqualTo(dive[1]);
            assertThat(a.dive().userWastedPercent()).isCloseTo(dive[2], within(1e-12));
        }
    }

    private static int recordOf(ImageAnalysis a, int layer, String path) {
        int node = a.trie().find(path);
        LayerRecords records = a.records(layer);
        for (int r = 0; r < records.count(); r++) {
            if (records.node(r) == node && records.isEntry(r)) {
                return r;
            }
        }
        throw new AssertionError(path + " not in layer " + layer);
    }

    /** The layer's entries as read by the tar reader, for the naive model (which needs no content). */
    private static List<StackedImage.Item> entries(Layer layer) throws Exception {
        List<StackedImage.Item> items = new ArrayList<>();
        try (InputStream in = layer.openCompressed(); LayerReader reader = LayerReader.open(in)) {
            LayerEntry entry;
            while ((entry = reader.next()) != null) {
                if (!entry.path().isEmpty()) {
                    items.add(new StackedImage.Item(entry, 0, null));
                }
            }
        }
        return items;
    }
}
