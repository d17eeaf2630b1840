package dev.kiln.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.parser.DockerfileParser;
import dev.kiln.lint.fix.FixResult;
import dev.kiln.lint.fix.Fixer;
import dev.kiln.lint.rules.Rules;
import dev.kiln.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The official images' Dockerfiles (shared/corpus/real-dockerfiles): every one parses and lints, every
 * finding points into its file, and kiln fix on every one gives a file that parses, has no more
 * findings than before for any rule, and does not change when fixed again.
 */
class LintCorpusTest {

    static List<Path> corpus() throws IOException {
        try (Stream<Path> s = Files.list(Corpus.require("real-dockerfiles"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".Dockerfile")).sorted().toList();
        }
    }

    private static Map<String, Integer> counts(LintResult r) {
        Map<String, Integer> out = new HashMap<>();
        for (Finding f : r.findings()) {
            out.merge(f.code(), 1, Integer::sum);
        }
        return out;
    }

    @Test
    void everyCorpusDockerfileParsesAndLintsWithFindingsInsideTheFile() throws Exception {
        List<Path> files = corpus();
        assertThat(files).hasSizeGreaterThanOrEqualTo(60);
        Linter linter = new Linter(Rules.all(), LintConfig.DEFAULT);
        int total = 0;
        for (Path f : files) {
            Dockerfile d = DockerfileParser.parse(f);
            LintResult r = linter.lint(d);
            for (Finding x : r.findings()) {
                assertThat(x.range().endOffset()).as("%s %s", f.getFileName(), x.code()).isLessThanOrEqualTo(d.source().length());
                assertThat(x.range().length()).as("%s %s at %d", f.getFileName(), x.code(), x.line()).isPositive();
            }
            total += r.findings().size();
        }
        assertThat(total).as("the corpus has findings").isGreaterThan(100);
    }

    @Test
    void fixOnEveryCorpusFileParsesHasNoMoreFindingsPerRuleAndIsAFixedPoint() throws Exception {
        Linter linter = new Linter(Rules.all(), LintConfig.DEFAULT);
        Fixer fixer = new Fixer(linter, Set.of());
        List<String> problems = new ArrayList<>();
        int changed = 0;
        int applied = 0;
        for (Path f : corpus()) {
            String name = f.getFileName().toString();
            String text = DockerfileParser.decode(Files.readAllBytes(f));
            LintResult before = linter.lint(DockerfileParser.parse(name, text));
            FixResult once = fixer.fix(name, text);
            LintResult after = linter.lint(DockerfileParser.parse(name, once.fixed()));
            Map<String, Integer> was = counts(before);
            counts(after).forEach((code, n) -> {
                if (n > was.getOrDefault(code, 0)) {
                    problems.add(name + ": " + code + " went from " + was.getOrDefault(code, 0) + " to " + n);
                }
            });
            if (!fixer.fix(name, once.fixed()).fixed().equals(once.fixed())) {
                problems.add(name + ": fixing the fixed file changes it again");
            }
            changed += once.changed() ? 1 : 0;
            applied += once.applied().size();
        }
        assertThat(problems).isEmpty();
        assertThat(changed).as("files kiln fix changes").isGreaterThan(10);
        assertThat(applied).isGreaterThan(30);
    }
}
