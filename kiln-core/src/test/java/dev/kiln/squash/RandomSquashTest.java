package dev.kiln.squash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.tar.Compression;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.Whiteouts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: for random layer stacks and any split point, the kept lower layers plus the merged layer
 * give the same tree as all the original layers, per {@link TreeModel}. Each seed is one case; a
 * failure names it so it can be replayed.
 */
class RandomSquashTest {

    @TempDir
    Path spool;

    static List<Long> seeds() {
        List<Long> seeds = new ArrayList<>();
        for (long s = 1; s <= 600; s++) {
            seeds.add(s);
        }
        return seeds;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void squashedStackUnpacksToTheSameTree(long seed) throws Exception {
        Random rnd = new Random(seed * 7919);
        int count = 2 + rnd.nextInt(6);
        List<List<TreeModel.Item>> layers = new RandomLayers(seed).generate(count);
        Compression[] codecs = Compression.values();
        List<Layers.Written> written = new ArrayList<>();
        TreeModel expected = new TreeModel();
        for (List<TreeModel.Item> layer : layers) {
            written.add(Layers.write(layer, codecs[rnd.nextInt(codecs.length)]));
            expected.applyLayer(layer);
        }
        int from = rnd.nextInt(count);

        Layers.Merged merged = Layers.merge(written, from, Compression.GZIP, spool);

        TreeModel actual = new TreeModel();
        for (int i = 0; i < from; i++) {
            actual.applyLayer(layers.get(i));
        }
        Set<String> lowerPaths = new HashSet<>(actual.nodes.keySet());
        List<TreeModel.Item> mergedItems = TreeModel.read(merged.blob());
        actual.applyLayer(mergedItems);
        if (merged.result().stats().lowerFilesCopied() == 0) {
            assertThat(actual.describe()).as("seed %d, layers %d, squashed from %d", seed, count, from)
                    .isEqualTo(expected.describe());
        } else {
            // A link to a lower file whose name the range changed carries a copy: same content, but
            // other lower names of that file no longer share it (kiln does not track lower inodes).
            assertThat(withoutLinks(actual.describe())).as("seed %d, layers %d, squashed from %d", seed, count, from)
                    .isEqualTo(withoutLinks(expected.describe()));
        }

        Set<String> seen = new HashSet<>();
        for (TreeModel.Item item : mergedItems) {
            LayerEntry e = item.entry();
            assertThat(seen.add(e.path())).as("seed %d: %s written twice", seed, e.path()).isTrue();
            if (e.isWhiteout()) {
                // Only whiteouts that hide something of the kept lower layers remain.
                String target = e.whiteoutTarget();
                boolean hides = lowerPaths.stream().anyMatch(p -> e.whiteout() == dev.kiln.tar.Whiteout.OPAQUE
                        ? p.startsWith(target.isEmpty() ? "" : target + "/") : p.equals(target) || p.startsWith(target + "/"));
                assertThat(hides).as("seed %d: needless %s", seed, e.path()).isTrue();
            } else {
                String parent = Whiteouts.parent(e.path());
                boolean parentLater = mergedItems.stream().skip(mergedItems.indexOf(item))
                        .anyMatch(o -> o.entry().type() == EntryType.DIRECTORY && o.entry().path().equals(parent));
                assertThat(parentLater).as("seed %d: %s before its parent directory", seed, e.path()).isFalse();
            }
        }
    }

    private static java.util.Map<String, String> withoutLinks(java.util.Map<String, String> tree) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        tree.forEach((k, v) -> out.put(k, v.replaceAll(" linked-to .*", "")));
        return out;
    }
}
