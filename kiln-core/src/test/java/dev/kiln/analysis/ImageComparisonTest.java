package dev.kiln.analysis;

import static dev.kiln.analysis.StackedImage.dir;
import static dev.kiln.analysis.StackedImage.file;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageComparisonTest {

    @Test
    void sharedLayersOnceAndEveryPathThatGrewShrankOrAppeared() throws Exception {
        StackedImage.Item[] base = {dir("usr"), dir("usr/lib"), file("usr/lib/a.so", 1000, 1), file("usr/lib/b.so", 500, 2),
            file("usr/lib/c.so", 10, 3), file("etc/conf", 20, 4)};
        ImageInput v1 = StackedImage.builder()
                .layer("FROM base", base)
                .layer("COPY app /app", dir("app"), file("app/bin", 300, 5), file("app/old", 50, 6))
                .input("app:1");
        ImageInput v2 = StackedImage.builder()
                .layer("FROM base", base)
                .layer("COPY app /app", dir("app"), file("app/bin", 900, 7), file("app/new", 40, 8),
                        file("usr/lib/b.so", 100, 9), file("usr/lib/c.so", 10, 10))
                .input("app:2");
        PathTrie trie = new PathTrie();
        Analyzer analyzer = new Analyzer(AnalysisOptions.defaults());
        ImageComparison diff = ImageComparison.of(analyzer.analyze(v1, trie), analyzer.analyze(v2, trie), 50);

        assertThat(diff.layers()).extracting(ImageComparison.LayerDiff::side).containsExactly("both", "before", "after");
        assertThat(diff.paths()).extracting(ImageComparison.PathDelta::path)
                .containsExactly("/app/bin", "/usr/lib/b.so", "/app/old", "/app/new", "/usr/lib/c.so");
        assertThat(diff.paths()).extracting(ImageComparison.PathDelta::kind).containsExactly(ImageComparison.Kind.GREW,
                ImageComparison.Kind.SHRANK, ImageComparison.Kind.REMOVED, ImageComparison.Kind.ADDED,
                ImageComparison.Kind.CHANGED);
        assertThat(diff.paths().get(0).delta()).isEqualTo(600);
        assertThat(diff.counts().added()).isEqualTo(1);
        assertThat(diff.counts().changed()).isEqualTo(1);
        assertThat(diff.counts().visibleAfter() - diff.counts().visibleBefore()).isEqualTo(600 - 400 - 50 + 40);
        List<ImageComparison.PathDelta> dirs = diff.directories();
        assertThat(dirs).extracting(ImageComparison.PathDelta::path).containsExactly("/app", "/usr", "/usr/lib");
        assertThat(dirs.get(0).delta()).isEqualTo(590);
    }
}
