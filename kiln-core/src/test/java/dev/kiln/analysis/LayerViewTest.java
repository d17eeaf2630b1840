package dev.kiln.analysis;

import static dev.kiln.analysis.StackedImage.dir;
import static dev.kiln.analysis.StackedImage.file;
import static dev.kiln.analysis.StackedImage.whiteout;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayerViewTest {

    @Test
    void marksWhatTheLayerAddedModifiedAndRemoved() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("ADD", dir("etc"), file("etc/a", 10), file("etc/b", 20), dir("old"), file("old/x", 5))
                .layer("RUN", file("etc/a", 11, 99), file("etc/c", 30), whiteout("old"))
                .layer("RUN", file("z", 1))
                .analyze();
        LayerView view = LayerView.of(a, 1);
        PathTrie t = a.trie();
        assertThat(view.change(t.find("etc/a"))).isEqualTo(Change.MODIFIED);
        assertThat(view.change(t.find("etc/c"))).isEqualTo(Change.ADDED);
        assertThat(view.change(t.find("etc/b"))).isEqualTo(Change.UNCHANGED);
        assertThat(view.change(t.find("old"))).isEqualTo(Change.REMOVED);
        assertThat(view.change(t.find("old/x"))).isEqualTo(Change.REMOVED);
        assertThat(view.shown(t.find("z"))).isFalse();
        assertThat(view.bytes(t.find("etc"))).isEqualTo(61);
        assertThat(view.bytes(t.find("old"))).isEqualTo(5);
        assertThat(view.bytes(PathTrie.ROOT)).isEqualTo(61);
        assertThat(view.changedBelow(t.find("etc"))).isTrue();
        assertThat(view.children(t.find("etc"), true)).extracting(t::name).containsExactly("c", "b", "a");
        assertThat(view.children(PathTrie.ROOT, false)).extracting(t::name).containsExactly("etc", "old");
        assertThat(view.mode(t.find("etc/a"))).isEqualTo("-rw-r--r--");

        LayerView first = LayerView.of(a, 0);
        assertThat(first.change(t.find("etc/a"))).isEqualTo(Change.ADDED);
        assertThat(first.bytes(t.find("etc/a"))).isEqualTo(10);
        assertThat(LayerView.of(a, 2).changedBelow(t.find("etc"))).isFalse();
    }
}
