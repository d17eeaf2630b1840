package dev.kiln.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random layer stacks (files, directories, whiteouts, opaque directories, hardlinks, overwrites,
 * chmod-only copies) checked against {@link NaiveOverlay}, an independent string-based model.
 */
class RandomLayersTest {

    static List<Long> seeds() {
        List<Long> seeds = new ArrayList<>();
        for (long s = 1; s <= 100; s++) {
            seeds.add(s * 7919);
        }
        return seeds;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void compactAnalysisAgreesWithTheNaiveOverlay(long seed) throws Exception {
        Random random = new Random(seed);
        List<List<StackedImage.Item>> layers = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        for (int l = 0; l < count; l++) {
            layers.add(randomLayer(random));
        }
        StackedImage.Builder image = StackedImage.builder();
        NaiveOverlay naive = new NaiveOverlay();
        for (List<StackedImage.Item> layer : layers) {
            image.layer("RUN step", layer.toArray(StackedImage.Item[]::new));
            naive.apply(layer);
        }
        ImageAnalysis a = image.analyze();
        String context = "seed " + seed + ": " + describe(layers);
        assertThat(a.totals().contentBytes()).as(context).isEqualTo(naive.contentBytes);
        assertThat(a.totals().visibleBytes()).as(context).isEqualTo(naive.visibleBytes());
        assertThat(a.totals().reclaimableBytes()).as(context).isEqualTo(naive.contentBytes - naive.visibleBytes());
        assertThat(a.subtreeBytes(PathTrie.ROOT)).as(context).isEqualTo(naive.visibleBytes());
        Set<String> finalPaths = new HashSet<>();
        for (int node = 1; node < a.trie().size(); node++) {
            if (a.exists(node)) {
                finalPaths.add(a.trie().path(node));
            }
        }
        assertThat(finalPaths).as(context).isEqualTo(naive.state.keySet());
        double[] dive = NaiveOverlay.dive(layers);
        assertThat(a.dive().efficiency()).as(context).isCloseTo(dive[0], within(1e-12));
        assertThat((double) a.dive().wastedBytes()).as(context).isEqualTo(dive[1]);
        assertThat(a.dive().userWastedPercent()).as(context).isCloseTo(dive[2], within(1e-12));
    }

    private static final String[] DIRS = {"", "a", "a/b", "c", "a/b/d"};
    private static final String[] NAMES = {"x", "y", "z", "b", "d"};

    private static List<StackedImage.Item> randomLayer(Random random) {
        List<StackedImage.Item> items = new ArrayList<>();
        List<String> filesHere = new ArrayList<>();
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            String dir = DIRS[random.nextInt(DIRS.length)];
            String path = dir.isEmpty() ? NAMES[random.nextInt(NAMES.length)] : dir + "/" + NAMES[random.nextInt(NAMES.length)];
            int kind = random.nextInt(10);
            if (kind < 4) {
                // small sizes and few seeds, so identical and chmod-only copies happen
                long size = 1 + random.nextInt(4) * 10;
                int mode = random.nextBoolean() ? 0644 : 0755;
                items.add(StackedImage.file(path, size, random.nextInt(3), mode));
                filesHere.add(path);
            } else if (kind < 6) {
                if (!dir.isEmpty() && random.nextBoolean()) {
                    items.add(StackedImage.dir(dir));
                } else {
                    items.add(StackedImage.dir(path));
                }
            } else if (kind < 8) {
                items.add(StackedImage.whiteout(random.nextBoolean() ? path : (dir.isEmpty() ? path : dir)));
            } else if (kind < 9) {
                items.add(StackedImage.opaque(dir));
            } else if (!filesHere.isEmpty()) {
                String target = filesHere.get(random.nextInt(filesHere.size()));
                if (!target.equals(path)) {
                    items.add(StackedImage.hardlink(path, target));
                }
            } else {
                items.add(StackedImage.symlink(path, "elsewhere"));
            }
        }
        return items;
    }

    private static String describe(List<List<StackedImage.Item>> layers) {
        return layers.stream().map(l -> l.stream().map(i -> describe(i.entry())).collect(Collectors.joining(", ", "[", "]")))
                .collect(Collectors.joining(" "));
    }

    private static String describe(LayerEntry e) {
        if (e.type() == EntryType.FILE && !e.isWhiteout()) {
            return e.path() + "(" + e.size() + ")";
        }
        return e.toString();
    }
}
