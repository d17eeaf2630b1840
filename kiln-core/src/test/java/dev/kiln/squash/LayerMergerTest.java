package dev.kiln.squash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.tar.Compression;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerFormatException;
import dev.kiln.tar.SparseRegion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerMergerTest {

    @TempDir
    Path spool;

    private static TreeModel.Item item(LayerEntry e) {
        return new TreeModel.Item(e, null);
    }

    private static TreeModel.Item file(String path, String content, int mode) {
        byte[] b = content.getBytes();
        return new TreeModel.Item(LayerEntry.builder(path, EntryType.FILE).size(b.length).mode(mode).build(), b);
    }

    private List<TreeModel.Item> squash(int from, List<List<TreeModel.Item>> layers, TreeModel expectedOut)
            throws Exception {
        List<Layers.Written> written = new ArrayList<>();
        TreeModel expected = new TreeModel();
        for (List<TreeModel.Item> l : layers) {
            written.add(Layers.write(l, Compression.GZIP));
            expected.applyLayer(l);
        }
        Layers.Merged merged = Layers.merge(written, from, Compression.GZIP, spool);
        TreeModel actual = new TreeModel();
        for (int i = 0; i < from; i++) {
            actual.applyLayer(layers.get(i));
        }
        List<TreeModel.Item> items = TreeModel.read(merged.blob());
        actual.applyLayer(items);
        assertThat(actual.describe()).isEqualTo(expected.describe());
        if (expectedOut != null) {
            expectedOut.nodes.putAll(actual.nodes);
        }
        return items;
    }

    private static Map<String, LayerEntry> byPath(List<TreeModel.Item> items) {
        Map<String, LayerEntry> m = new java.util.LinkedHashMap<>();
        items.forEach(i -> m.put(i.entry().path(), i.entry()));
        return m;
    }

    @Test
    void hardlinkWhoseTargetWasDeletedBecomesTheFile() throws Exception {
        List<TreeModel.Item> out = squash(0, List.of(
                List.of(item(LayerEntry.directory("usr")), file("usr/perl", "interpreter", 0755),
                        item(LayerEntry.hardlink("usr/perl5", "usr/perl")),
                        item(LayerEntry.hardlink("usr/perl5.36", "usr/perl"))),
                List.of(item(LayerEntry.whiteout("usr/perl")))), null);

        Map<String, LayerEntry> m = byPath(out);
        assertThat(m.get("usr/perl5").type()).isEqualTo(EntryType.FILE);
        assertThat(m.get("usr/perl5").mode()).isEqualTo(0755);
        assertThat(m.get("usr/perl5.36").type()).isEqualTo(EntryType.HARDLINK);
        assertThat(m.get("usr/perl5.36").linkTarget()).isEqualTo("usr/perl5");
        assertThat(m).doesNotContainKey("usr/perl");
    }

    @Test
    void hardlinkToAnOverwrittenFileKeepsTheOldContent() throws Exception {
        TreeModel result = new TreeModel();
        squash(0, List.of(
                List.of(file("a", "old", 0644), item(LayerEntry.hardlink("b", "a"))),
                List.of(file("a", "new", 0644))), result);
        assertThat(new String(result.nodes.get("b").content)).isEqualTo("old");
        assertThat(new String(result.nodes.get("a").content)).isEqualTo("new");
    }

    @Test
    void directoryRemovedAndMadeAgainHidesTheLowerContentWithAnOpaqueMarker() throws Exception {
        List<TreeModel.Item> out = squash(1, List.of(
                List.of(item(LayerEntry.directory("var")), item(LayerEntry.directory("var/cache")),
                        file("var/cache/old", "x", 0644)),
                List.of(item(LayerEntry.whiteout("var/cache"))),
                List.of(item(LayerEntry.builder("var/cache", EntryType.DIRECTORY).mode(0700).build()),
                        file("var/cache/new", "y", 0644))), null);
        assertThat(out.get(0).entry().path()).isEqualTo("var/cache/.wh..wh..opq");
        assertThat(byPath(out).get("var/cache").mode()).isEqualTo(0700);
    }

    @Test
    void directoryMetadataComesFromTheLastLayerAndPrecedesItsChildren() throws Exception {
        List<TreeModel.Item> out = squash(0, List.of(
                List.of(item(LayerEntry.directory("srv")), file("srv/a", "a", 0644)),
                List.of(item(LayerEntry.builder("srv", EntryType.DIRECTORY).mode(0750).owner(33, 33).build()))),
                null);
        assertThat(out).extracting(i -> i.entry().path()).containsExactly("srv", "srv/a");
        assertThat(out.get(0).entry().mode()).isEqualTo(0750);
        assertThat(out.get(0).entry().uid()).isEqualTo(33);
    }

    @Test
    void chmodOnlyChangeKeepsTheNewModeOnce() throws Exception {
        List<TreeModel.Item> out = squash(0, List.of(
                List.of(file("run.sh", "echo", 0644)),
                List.of(file("run.sh", "echo", 0755))), null);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).entry().mode()).isEqualTo(0755);
    }

    @Test
    void sparseLastlogStaysSparse() throws Exception {
        long size = 2L << 30; // 2 GiB, as useradd without -l leaves /var/log/lastlog
        byte[] data = "uid 1000 record".getBytes();
        LayerEntry lastlog = LayerEntry.builder("var/log/lastlog", EntryType.FILE).size(size).mode(0664)
                .sparse(List.of(new SparseRegion(1000L * 292, data.length))).build();
        List<Layers.Written> written = new ArrayList<>();
        written.add(Layers.write(List.of(item(LayerEntry.directory("var")),
                item(LayerEntry.directory("var/log"))), Compression.GZIP));
        written.add(new Layers.Written(SparseLayers.write(lastlog, data, 1000L * 292), null));
        Layers.Merged merged = Layers.merge(written, 0, Compression.GZIP, spool);

        assertThat(merged.blob().length).isLessThan(64 * 1024);
        try (var reader = dev.kiln.tar.LayerReader.open(new java.io.ByteArrayInputStream(merged.blob()))) {
            LayerEntry e;
            LayerEntry found = null;
            while ((e = reader.next()) != null) {
                if (e.path().equals("var/log/lastlog")) {
                    found = e;
                }
            }
            assertThat(found).isNotNull();
            assertThat(found.size()).isEqualTo(size);
            assertThat(found.isSparse()).isTrue();
            assertThat(found.storedSize()).isLessThan(4096);
        }
    }

    @Test
    void entryClimbingOutOfTheRootIsRefused() throws Exception {
        List<Layers.Written> written = List.of(
                Layers.write(List.of(file("a", "x", 0644)), Compression.NONE),
                Layers.write(List.of(file("../../etc/passwd", "x", 0644)), Compression.NONE));
        assertThatThrownBy(() -> Layers.merge(written, 0, Compression.GZIP, spool))
                .isInstanceOf(LayerFormatException.class).hasMessageContaining("layer 1")
                .hasMessageContaining("outside the root");
    }

    @Test
    void layerThatDoesNotMatchItsDiffIdIsRefused() throws Exception {
        Layers.Written a = Layers.write(List.of(file("a", "x", 0644)), Compression.GZIP);
        Layers.Written b = Layers.write(List.of(file("b", "y", 0644)), Compression.GZIP);
        LayerInput lying = new LayerInput("layer 1", null, a.digests().diffId(),
                () -> new java.io.ByteArrayInputStream(b.blob()));
        assertThatThrownBy(() -> LayerMerger.merge(List.of(), List.of(a.input("layer 0"), lying),
                new java.io.ByteArrayOutputStream(), MergeOptions.defaults().withSpoolDirectory(spool)))
                .isInstanceOf(LayerFormatException.class).hasMessageContaining("layer 1").hasMessageContaining("diff_id");
    }
}
