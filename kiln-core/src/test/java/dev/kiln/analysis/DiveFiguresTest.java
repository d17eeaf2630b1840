package dev.kiln.analysis;

import static dev.kiln.analysis.StackedImage.dir;
import static dev.kiln.analysis.StackedImage.file;
import static dev.kiln.analysis.StackedImage.hardlink;
import static dev.kiln.analysis.StackedImage.opaque;
import static dev.kiln.analysis.StackedImage.whiteout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** dive's metrics, worked out by hand from dive's published definitions. */
class DiveFiguresTest {

    @Test
    void efficiencyWastedBytesAndUserWastedPercentFollowDivesFormulas() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("FROM base", file("a", 100), file("b", 200, 1), dir("d"), file("d/x", 10), file("d/y", 20))
                .layer("RUN ...", whiteout("a"), file("f", 5, 9), whiteout("d"))
                .layer("RUN ...", file("b", 250, 2), file("f", 5, 9))
                .analyze();
        DiveFigures dive = a.dive();
        // layer sizes are the sums of the tar size fields
        assertThat(dive.layerSizes()).containsExactly(330L, 5L, 255L);
        // per path (cumulative / smallest): a 100/0 (a file whiteout counts 0), b 450/200, d/x 10/10,
        // d/y 20/20, f 10/5, d 30/30 (a directory whiteout counts what it deletes); d itself is no leaf in layer 0
        assertThat(dive.efficiency()).isCloseTo(265.0 / 620.0, within(1e-12));
        // paths seen twice or more: a, b, f; all their copies count, the surviving ones included
        assertThat(dive.wastedBytes()).isEqualTo(100 + 450 + 10);
        assertThat(dive.userSizeBytes()).isEqualTo(260);
        assertThat(dive.userWastedPercent()).isCloseTo(560.0 / 260.0, within(1e-12));
        assertThat(dive.inefficientFiles()).extracting(DiveFigures.InefficientFile::path)
                .containsExactly("/b", "/a", "/f");
        assertThat(dive.inefficientFiles().get(0).count()).isEqualTo(2);
        // kiln's own figure for the same image: only what is really gone
        assertThat(a.totals().reclaimableBytes()).isEqualTo(100 + 200 + 10 + 20 + 5);
    }

    @Test
    void diveCountsNothingForRmRfOfADirectoryKilnCountsAll() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("FROM base", file("keep", 1000))
                .layer("RUN make", dir("build"), file("build/o1", 300), file("build/o2", 700))
                .layer("RUN rm -rf build", whiteout("build"))
                .analyze();
        assertThat(a.dive().wastedBytes()).isZero();
        assertThat(a.dive().efficiency()).isEqualTo(1.0);
        assertThat(a.totals().reclaimableBytes()).isEqualTo(1000);
    }

    @Test
    void diveIgnoresOpaqueDirectories() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("FROM base", dir("cache"), file("cache/big", 5000))
                .layer("RUN clean", dir("cache"), opaque("cache"))
                .analyze();
        assertThat(a.dive().wastedBytes()).isZero();
        assertThat(a.totals().reclaimableBytes()).isEqualTo(5000);
    }

    @Test
    void hardlinksAndDirectoriesWeighNothingForDive() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("FROM base", file("f", 100), hardlink("h", "f"), dir("empty"))
                .layer("RUN", dir("empty"), hardlink("h2", "f2"), file("f2", 1))
                .analyze();
        assertThat(a.dive().layerSizes()).containsExactly(100L, 1L);
        // "empty" is a leaf in both layers: two appearances of 0 bytes, listed but weighing nothing
        assertThat(a.dive().inefficientFiles()).extracting(DiveFigures.InefficientFile::path).containsExactly("/empty");
        assertThat(a.dive().wastedBytes()).isZero();
    }

    @Test
    void singleLayerImageHasNoUserBytesAndZeroUserWaste() throws Exception {
        ImageAnalysis a = StackedImage.builder().layer("ADD", file("a", 10), whiteout("a")).analyze();
        assertThat(a.dive().userSizeBytes()).isZero();
        assertThat(a.dive().userWastedPercent()).isZero();
    }
}
