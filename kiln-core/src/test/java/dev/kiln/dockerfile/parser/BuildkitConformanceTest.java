package dev.kiln.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.dockerfile.ast.Dump;
import dev.kiln.dockerfile.ast.Node;
import dev.kiln.dockerfile.ast.SyntaxTree;
import dev.kiln.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * BuildKit's own parser test data (shared/corpus/buildkit-parser): every positive case dumps byte for
 * byte to its {@code result}, every negative case is a located error, and line numbers match
 * BuildKit's line test. Skips, saying so, when the corpus is absent.
 */
class BuildkitConformanceTest {

    private static Path folder(String sub) {
        return Corpus.require("buildkit-parser").resolve(sub);
    }

    private static List<Path> cases(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static String read(Path file) throws IOException {
        return DockerfileParser.decode(Files.readAllBytes(file));
    }

    @Test
    void everyPositiveCaseDumpsExactlyToItsResultFile() throws Exception {
        List<Path> cases = cases(folder("testfiles"));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        List<String> misses = new ArrayList<>();
        int passed = 0;
        for (Path dir : cases) {
            String expected = new String(Files.readAllBytes(dir.resolve("result")), StandardCharsets.UTF_8)
                    .replace("\r\n", "\n");
            try {
                SyntaxTree tree = DockerfileParser.parseSyntax("Dockerfile", read(dir.resolve("Dockerfile")));
                String actual = Dump.of(tree);
                if (actual.equals(expected)) {
                    passed++;
                } else {
                    misses.add(dir.getFileName() + ":\n--- expected\n" + expected + "--- actual\n" + actual);
                }
            } catch (DockerfileParseException e) {
                misses.add(dir.getFileName() + ": " + e.getMessage());
            }
        }
        System.out.println("buildkit-parser testfiles: " + passed + " passed, " + misses.size() + " failed");
        if (!misses.isEmpty()) {
            fail(misses.size() + " of " + cases.size() + " BuildKit cases differ:\n" + String.join("\n", misses));
        }
    }

    @Test
    void everyNegativeCaseIsRejectedWithALocatedError() throws Exception {
        List<Path> cases = cases(folder("testfiles-negative"));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(4);
        List<String> misses = new ArrayList<>();
        for (Path dir : cases) {
            try {
                DockerfileParser.parseSyntax("Dockerfile", read(dir.resolve("Dockerfile")));
                misses.add(dir.getFileName() + " parsed without error");
            } catch (DockerfileParseException e) {
                assertThat(e.getMessage()).matches("Dockerfile:\\d+:\\d+: .+");
                assertThat(e.range().start().line()).isPositive();
            }
        }
        System.out.println("buildkit-parser testfiles-negative: " + (cases.size() - misses.size()) + " passed, "
                + misses.size() + " failed");
        assertThat(misses).isEmpty();
    }

    @Test
    void negativeCasesGiveBuildkitsReasons() throws Exception {
        Path dir = folder("testfiles-negative");
        assertThatThrownBy(() -> DockerfileParser.parseSyntax("Dockerfile", read(dir.resolve("env_no_value/Dockerfile"))))
                .hasMessage("Dockerfile:3:5: ENV must have two arguments");
        assertThatThrownBy(() -> DockerfileParser.parseSyntax("Dockerfile", read(dir.resolve("only_comments/Dockerfile"))))
                .hasMessageContaining("file with no instructions");
        assertThatThrownBy(() -> DockerfileParser.parseSyntax("Dockerfile",
                read(dir.resolve("shykes-nested-json/Dockerfile"))))
                .hasMessageContaining("arrays must be comprised of strings only");
    }

    @Test
    void lineNumbersMatchBuildkitsLineTest() throws Exception {
        SyntaxTree tree = DockerfileParser.parseSyntax("Dockerfile", read(folder("testfile-line").resolve("Dockerfile")));
        List<Node> nodes = tree.nodes();
        assertThat(nodes).hasSize(3);
        int[][] expected = {{5, 5}, {11, 12}, {17, 31}};
        for (int i = 0; i < 3; i++) {
            assertThat(nodes.get(i).range().startLine()).as("start of node %d", i).isEqualTo(expected[i][0]);
            assertThat(nodes.get(i).range().endLine()).as("end of node %d", i).isEqualTo(expected[i][1]);
        }
        assertThat(nodes.get(0).range().start().line()).isEqualTo(5);
        assertThat(nodes.get(2).range().end().line()).isEqualTo(31);
    }
}
