package dev.kiln.analysis;

import static dev.kiln.analysis.StackedImage.dir;
import static dev.kiln.analysis.StackedImage.file;
import static dev.kiln.analysis.StackedImage.hardlink;
import static dev.kiln.analysis.StackedImage.opaque;
import static dev.kiln.analysis.StackedImage.owned;
import static dev.kiln.analysis.StackedImage.symlink;
import static dev.kiln.analysis.StackedImage.whiteout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.tar.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReclaimableBytesTest {

    @Test
    void filesDeletedOneByOneAreReclaimableAndTheSurvivorIsVisible() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("ADD rootfs", dir("etc"), file("etc/a", 100), file("etc/b", 200), dir("data"), file("data/c", 300))
                .layer("RUN rm /etc/a /data/c", whiteout("etc/a"), whiteout("data/c"))
                .analyze();
        assertThat(a.totals().contentBytes()).isEqualTo(600);
        assertThat(a.totals().visibleBytes()).isEqualTo(200);
        assertThat(a.totals().reclaimableBytes()).isEqualTo(400);
        assertThat(a.layers().get(0).hiddenBytes()).isEqualTo(400);
        assertThat(a.layers().get(1).removed()).isEqualTo(2);
        assertThat(a.exists(a.trie().find("etc/a"))).isFalse();
        assertThat(a.exists(a.trie().find("etc/b"))).isTrue();
    }

    @Test
    void removingADirectoryReclaimsEverythingBelowIt() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("ADD", dir("d"), file("d/x", 10), dir("d/y"), file("d/y/z", 20), file("d/y/w", 30), file("e", 5))
                .layer("RUN rm -rf /d", whiteout("d"))
                .analyze();
        assertThat(a.totals().reclaimableBytes()).isEqualTo(60);
        assertThat(a.totals().visibleBytes()).isEqualTo(5);
        assertThat(a.layers().get(1).removed()).isEqualTo(3);
        assertThat(a.shadow(0, 1)).isEqualTo(Shadow.DELETED);
        assertThat(a.hiddenBy(0, 1)).isEqualTo(1);
    }

    @Test
    void opaqueDirectoryHidesOnlyTheLowerLayersChildren() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("ADD", dir("d"), file("d/x", 10), file("d/y", 20), file("keep", 1))
                // the new child comes before the marker in tar order: it must survive
                .layer("RUN rm -rf /d/* && touch /d/new", dir("d"), file("d/new", 7), opaque("d"))
                .analyze();
        assertThat(a.totals().reclaimableBytes()).isEqualTo(30);
        assertThat(a.totals().visibleBytes()).isEqualTo(8);
        assertThat(a.exists(a.trie().find("d/new"))).isTrue();
        assertThat(a.exists(a.trie().find("d/x"))).isFalse();
        assertThat(a.layers().get(1).removed()).isEqualTo(2);
        assertThat(a.layers().get(1).added()).isEqualTo(1);
    }

    @Test
    void overwrittenFileLeavesItsOldCopyReclaimable() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("COPY app /app", file("app", 100, 1))
                .layer("COPY app2 /app", file("app", 50, 2))
                .analyze();
        assertThat(a.totals().reclaimableBytes()).isEqualTo(100);
        assertThat(a.shadow(0, 0)).isEqualTo(Shadow.OVERWRITTEN);
        assertThat(a.layers().get(1).modified()).isEqualTo(1);
        assertThat(a.layers().get(1).metadataOnly()).isZero();
    }

    @Test
    void chmodAndChownOnlyCopiesAreReclaimableAndRecognised() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("COPY app /app", file("app/run", 1000, 7, 0644), file("app/lib", 500, 8, 0644))
                .layer("RUN chmod +x /app/run && chown 1000 /app/lib", file("app/run", 1000, 7, 0755),
                        owned("app/lib", 500, 8, 0644, 1000))
                .analyze();
        assertThat(a.totals().reclaimableBytes()).isEqualTo(1500);
        assertThat(a.shadow(0, 0)).isEqualTo(Shadow.METADATA_CHANGED);
        assertThat(a.shadow(0, 1)).isEqualTo(Shadow.METADATA_CHANGED);
        assertThat(a.layers().get(1).metadataOnly()).isEqualTo(2);
    }

    @Test
    void identicalRecopyIsReclaimableToo() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("COPY . /src", file("src/a", 64, 3))
                .layer("COPY . /src", file("src/a", 64, 3))
                .analyze();
        assertThat(a.totals().reclaimableBytes()).isEqualTo(64);
        assertThat(a.shadow(0, 0)).isEqualTo(Shadow.COPIED_UNCHANGED);
    }

    @Test
    void hardlinkKeepsDataVisibleUntilTheLastNameGoes() throws Exception {
        ImageAnalysis twoNames = StackedImage.builder()
                .layer("ADD", file("f", 100), hardlink("h", "f"))
                .layer("RUN rm /f", whiteout("f"))
                .analyze();
        assertThat(twoNames.totals().reclaimableBytes()).isZero();
        assertThat(twoNames.totals().visibleBytes()).isEqualTo(100);
        assertThat(twoNames.subtreeBytes(PathTrie.ROOT)).isEqualTo(100);
        assertThat(twoNames.subtreeBytes(twoNames.trie().find("h"))).isEqualTo(100);

        ImageAnalysis noName = StackedImage.builder()
                .layer("ADD", file("f", 100), hardlink("h", "f"), hardlink("h2", "h"))
                .layer("RUN rm /f /h", whiteout("f"), whiteout("h"))
                .layer("RUN rm /h2", whiteout("h2"))
                .analyze();
        assertThat(noName.totals().reclaimableBytes()).isEqualTo(100);
        assertThat(noName.layers().get(0).hiddenBytes()).isEqualTo(100);
    }

    @Test
    void visibleHardlinkedFileCountsOnce() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("ADD", file("usr/bin/ping", 40), hardlink("usr/bin/ping6", "usr/bin/ping"))
                .analyze();
        assertThat(a.totals().visibleBytes()).isEqualTo(40);
        assertThat(a.subtreeBytes(PathTrie.ROOT)).isEqualTo(40);
    }

    @Test
    void fileReplacingDirectoryDeletesItsChildren() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("ADD", dir("d"), file("d/x", 10), file("d/y", 11))
                .layer("RUN rm -rf /d && echo > /d", file("d", 5))
                .analyze();
        assertThat(a.totals().reclaimableBytes()).isEqualTo(21);
        assertThat(a.exists(a.trie().find("d/x"))).isFalse();
        assertThat(a.isDirectory(a.trie().find("d"))).isFalse();
    }

    @Test
    void entryBelowAFileTurnsItIntoAnImpliedDirectory() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("ADD", file("p", 10))
                .layer("ADD", file("p/q", 3))
                .analyze();
        assertThat(a.totals().reclaimableBytes()).isEqualTo(10);
        assertThat(a.isDirectory(a.trie().find("p"))).isTrue();
        assertThat(a.finalRecord(a.trie().find("p"))).isEqualTo(-1);
    }

    @Test
    void duplicateEntryInOneLayerHidesTheEarlierOne() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("ADD", file("f", 10, 1), file("f", 20, 2))
                .analyze();
        assertThat(a.totals().reclaimableBytes()).isEqualTo(10);
        assertThat(a.totals().visibleBytes()).isEqualTo(20);
        assertThat(a.layers().get(0).added()).isEqualTo(1);
    }

    @Test
    void whiteoutOfSomethingNeverThereChangesNothing() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("ADD", file("a", 10))
                .layer("RUN rm -f /nothing", whiteout("nothing"), opaque("also-nothing"))
                .analyze();
        assertThat(a.totals().reclaimableBytes()).isZero();
        assertThat(a.layers().get(1).removed()).isZero();
    }

    @Test
    void symlinkOverDirectoryAndBackCountsCorrectly() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("ADD", dir("lib"), file("lib/x.so", 30))
                .layer("usrmerge", symlink("lib", "usr/lib"), dir("usr"), dir("usr/lib"), file("usr/lib/x.so", 30))
                .analyze();
        assertThat(a.totals().reclaimableBytes()).isEqualTo(30);
        assertThat(a.totals().visibleBytes()).isEqualTo(30);
        assertThat(a.records(1).symlinkTarget(0)).isEqualTo("usr/lib");
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void accountingIsTheSameForEveryCompression(Compression compression) throws Exception {
        ImageAnalysis a = StackedImage.builder().compression(compression)
                .layer("ADD", dir("d"), file("d/x", 1000), file("d/y", 2000))
                .layer("RUN", whiteout("d/x"))
                .analyze();
        assertThat(a.totals().reclaimableBytes()).isEqualTo(1000);
        assertThat(a.layers().get(0).compressedSize()).isPositive();
        assertThat(a.layers().get(0).uncompressedSize()).isGreaterThanOrEqualTo(3000 + 3 * 512);
    }

    @Test
    void historyKeepsEmptyStepsAndMapsLayers() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("/bin/sh -c #(nop) ADD file:abc in / ", file("a", 1))
                .emptyStep("/bin/sh -c #(nop)  ENV A=b")
                .layer("/bin/sh -c apt-get update", file("b", 1))
                .emptyStep("/bin/sh -c #(nop)  CMD [\"sh\"]")
                .analyze();
        assertThat(a.steps()).hasSize(4);
        assertThat(a.steps()).extracting(HistoryStep::layer).containsExactly(0, -1, 1, -1);
        assertThat(a.steps().get(1).step()).isEqualTo("ENV A=b");
        assertThat(a.layers().get(1).step()).isEqualTo("RUN apt-get update");
    }
}
