package dev.kiln.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PathTrieTest {

    @Test
    void everyPathInternsToOneNodeThatFindsAndPrintsItBackAcrossRehashes() {
        PathTrie trie = new PathTrie();
        Random random = new Random(42);
        Map<String, Integer> nodes = new HashMap<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            String path = "d" + random.nextInt(40) + "/e" + random.nextInt(300) + "/f" + random.nextInt(2000);
            int node = trie.intern(path);
            Integer before = nodes.putIfAbsent(path, node);
            assertThat(before == null ? node : before).as(path).isEqualTo(node);
            paths.add(path);
        }
        for (String path : paths) {
            int node = nodes.get(path);
            assertThat(trie.find(path)).isEqualTo(node);
            assertThat(trie.path(node)).isEqualTo(path);
            assertThat(trie.parent(node)).isLessThan(node);
            int slash = path.lastIndexOf('/');
            assertThat(trie.child(trie.find(path.substring(0, slash)), "x" + path, slash + 2, path.length() + 1))
                    .isEqualTo(node);
        }
        assertThat(trie.find("d1/nope")).isEqualTo(-1);
        assertThat(trie.find("")).isEqualTo(PathTrie.ROOT);
        int children = 0;
        for (int c = trie.firstChild(PathTrie.ROOT); c >= 0; c = trie.nextSibling(c)) {
            children++;
        }
        assertThat(children).isEqualTo(40);
    }

    @Test
    void namesWithEqualHashesStayApart() {
        PathTrie trie = new PathTrie();
        // "Aa" and "BB" have the same String.hashCode
        int a = trie.intern("x/Aa");
        int b = trie.intern("x/BB");
        assertThat(a).isNotEqualTo(b);
        assertThat(trie.find("x/Aa")).isEqualTo(a);
        assertThat(trie.find("x/BB")).isEqualTo(b);
        assertThat(trie.name(b)).isEqualTo("BB");
    }
}
