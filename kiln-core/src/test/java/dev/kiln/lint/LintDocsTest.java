package dev.kiln.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.dockerfile.parser.DockerfileParser;
import dev.kiln.lint.rules.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/lint-rules.md and the generated parts of docs/lint-corpus.md true to the code. This is
 * also the tool that writes them: run with {@code KILN_UPDATE_DOCS=1}
 * ({@code KILN_UPDATE_DOCS=1 mvn -o -q -pl kiln-core test -Dtest=LintDocsTest}) to regenerate; it
 * also writes {@code target/lint-corpus/sample.md} (20 findings drawn uniformly, seed 7) and
 * {@code sample-by-rule.md} (20 findings spread over the rules) to judge by hand.
 */
class LintDocsTest {

    private static final String BEGIN = "<!-- generated: findings per rule -->";
    private static final String END = "<!-- end generated -->";

    private static Path repo() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("docs/ARCHITECTURE.md"))) {
                return d;
            }
        }
        throw new AssertionError("repository root not found");
    }

    private static boolean update() {
        return "1".equals(System.getenv("KILN_UPDATE_DOCS"));
    }

    static String rulesDoc() {
        StringBuilder b = new StringBuilder();
        b.append("# kiln lint rules\n\n");
        b.append("Generated from the code by `LintDocsTest` (`KILN_UPDATE_DOCS=1 mvn -o -q -pl kiln-core test"
                + " -Dtest=LintDocsTest`). `DL` codes are hadolint's, with hadolint's default levels; their\n"
                + "conditions follow hadolint's rules with its known false positives fixed (see each rule's class in\n"
                + "`kiln-core/src/main/java/dev/kiln/lint/rules`). `KL` codes are kiln's own. A level of `ignore`\n"
                + "means off unless switched on (`override: {warning: [DL3057]}`). \"fix\" marks rules whose findings\n"
                + "`kiln fix` can correct.\n\n");
        b.append("hadolint's DL3024 (duplicate stage names), DL3043 (ONBUILD ONBUILD/FROM/MAINTAINER) and DL3061\n"
                + "(an instruction before FROM) describe files BuildKit refuses to build: kiln reports them as parse\n"
                + "errors with file, line and column (exit 2). DL3005, DL3017, DL3031 and DL3039 were removed from\n"
                + "hadolint and are not reused.\n\n");
        b.append("| code | level | fix | rule | what to do |\n|---|---|---|---|---|\n");
        for (Rule r : Rules.all()) {
            RuleInfo i = r.info();
            b.append("| <a id=\"").append(i.code().toLowerCase(java.util.Locale.ROOT)).append("\"></a>")
                    .append(i.code().startsWith("DL") ? "[" + i.code() + "](" + i.url() + ")" : i.code())
                    .append(" | ").append(i.level().id()).append(" | ").append(r.fixable() ? "fix" : "")
                    .append(" | ").append(md(i.title())).append(" | ").append(md(i.advice())).append(" |\n");
        }
        return b.toString();
    }

    private static String md(String s) {
        return s.replace("|", "\\|");
    }

    record Hit(String file, int line, String code, String level, String message) {
    }

    static List<Hit> corpusFindings() throws Exception {
        Linter linter = new Linter(Rules.all(), LintConfig.DEFAULT);
        List<Hit> hits = new ArrayList<>();
        for (Path f : LintCorpusTest.corpus()) {
            String name = f.getFileName().toString();
            LintResult r = linter.lint(DockerfileParser.parse(name, DockerfileParser.decode(Files.readAllBytes(f))));
            for (Finding x : r.findings()) {
                hits.add(new Hit(name, x.line(), x.code(), x.level().id(), x.message()));
            }
        }
        return hits;
    }

    static String table(List<Hit> hits) {
        Map<String, int[]> per = new TreeMap<>();
        Map<String, Set<String>> files = new LinkedHashMap<>();
        for (Hit h : hits) {
            per.computeIfAbsent(h.code(), k -> new int[1])[0]++;
            files.computeIfAbsent(h.code(), k -> new HashSet<>()).add(h.file());
        }
        StringBuilder b = new StringBuilder(BEGIN + "\n");
        b.append("| rule | level | findings | files | title |\n|---|---|---:|---:|---|\n");
        int total = 0;
        for (Rule r : Rules.all()) {
            int[] n = per.get(r.info().code());
            if (n == null) {
                continue;
            }
            total += n[0];
            b.append("| ").append(r.info().code()).append(" | ").append(r.info().level().id()).append(" | ")
                    .append(n[0]).append(" | ").append(files.get(r.info().code()).size()).append(" | ")
                    .append(md(r.info().title())).append(" |\n");
        }
        b.append("| **all** | | **").append(total).append("** | ").append(hits.stream().map(Hit::file).distinct().count())
                .append(" | |\n");
        List<String> silent = new ArrayList<>();
        for (Rule r : Rules.all()) {
            if (!per.containsKey(r.info().code())) {
                silent.add(r.info().code());
            }
        }
        b.append("\nRules with no finding in the corpus: ").append(String.join(", ", silent)).append(".\n");
        return b.append(END).toString();
    }

    /** 20 findings drawn uniformly at random (seed 7): what a user of the corpus would see. */
    static List<Hit> sample(List<Hit> hits) {
        List<Hit> pool = new ArrayList<>(hits);
        java.util.Collections.shuffle(pool, new Random(7));
        List<Hit> out = new ArrayList<>(pool.subList(0, Math.min(20, pool.size())));
        out.sort(java.util.Comparator.comparing(Hit::code).thenComparing(Hit::file).thenComparingInt(Hit::line));
        return out;
    }

    /** 20 findings spread over the rules that fire: one per rule in turn, picked with a fixed seed. */
    static List<Hit> sampleByRule(List<Hit> hits, long seed) {
        Map<String, List<Hit>> byCode = new TreeMap<>();
        for (Hit h : hits) {
            byCode.computeIfAbsent(h.code(), k -> new ArrayList<>()).add(h);
        }
        Random random = new Random(seed);
        List<Hit> out = new ArrayList<>();
        while (out.size() < 20 && !byCode.isEmpty()) {
            for (var it = byCode.entrySet().iterator(); it.hasNext() && out.size() < 20; ) {
                List<Hit> list = it.next().getValue();
                out.add(list.remove(random.nextInt(list.size())));
                if (list.isEmpty()) {
                    it.remove();
                }
            }
        }
        return out;
    }

    @Test
    void rulesDocumentListsEveryRule() throws Exception {
        Path doc = repo().resolve("docs/lint-rules.md");
        String expected = rulesDoc();
        if (update()) {
            Files.writeString(doc, expected);
        }
        assertThat(Files.readString(doc)).as("docs/lint-rules.md is stale: regenerate with KILN_UPDATE_DOCS=1")
                .isEqualTo(expected);
    }

    @Test
    void corpusDocumentHasTheCurrentTableAndItsSampleStillHolds() throws Exception {
        List<Hit> hits = corpusFindings();
        Path doc = repo().resolve("docs/lint-corpus.md");
        assertThat(Files.exists(doc) || update()).as("docs/lint-corpus.md is missing: write it with KILN_UPDATE_DOCS=1")
                .isTrue();
        String table = table(hits);
        Path out = repo().resolve("kiln-core/target/lint-corpus");
        Files.createDirectories(out);
        StringBuilder s = new StringBuilder("| # | finding | rule | message |\n|---:|---|---|---|\n");
        int n = 1;
        for (Hit h : sample(new ArrayList<>(hits))) {
            s.append("| ").append(n++).append(" | ").append(h.file()).append(":").append(h.line()).append(" | ")
                    .append(h.code()).append(" | ").append(md(h.message())).append(" |\n");
        }
        Files.writeString(out.resolve("sample.md"), s.toString());
        StringBuilder fresh = new StringBuilder("| # | finding | rule | message |\n|---:|---|---|---|\n");
        n = 1;
        for (Hit h : sampleByRule(new ArrayList<>(hits), 20)) {
            fresh.append("| ").append(n++).append(" | ").append(h.file()).append(":").append(h.line()).append(" | ")
                    .append(h.code()).append(" | ").append(md(h.message())).append(" |\n");
        }
        Files.writeString(out.resolve("sample-by-rule.md"), fresh.toString());
        String text = Files.exists(doc) ? Files.readString(doc) : BEGIN + "\n" + END + "\n";
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        assertThat(b).as("docs/lint-corpus.md lacks the generated-table markers").isGreaterThanOrEqualTo(0);
        String updated = text.substring(0, b) + table + text.substring(e + END.length());
        if (update()) {
            Files.writeString(doc, updated);
            text = updated;
        }
        assertThat(text.substring(text.indexOf(BEGIN), text.indexOf(END) + END.length()))
                .as("the table in docs/lint-corpus.md is stale: regenerate with KILN_UPDATE_DOCS=1").isEqualTo(table);
        // every hand-checked sample row (| n | file:line | CODE | verdict | ...) must still be a finding
        // (rows judged "FP, fixed" record findings the rule no longer makes)
        Matcher m = Pattern.compile("^\\| *[0-9]+ *\\| *`?([^|`]+\\.Dockerfile):([0-9]+)`? *\\| *([A-Z]{2}[0-9]+) *\\|(?! *FP, fixed)",
                Pattern.MULTILINE).matcher(text);
        int rows = 0;
        while (m.find()) {
            rows++;
            String file = m.group(1).trim();
            int line = Integer.parseInt(m.group(2));
            String code = m.group(3);
            assertThat(hits).as("sample row %s:%d %s is no longer a finding", file, line, code)
                    .anyMatch(h -> h.file().equals(file) && h.line() == line && h.code().equals(code));
        }
        assertThat(rows).as("hand-checked sample rows in docs/lint-corpus.md that are still findings")
                .isBetween(0, 40);
    }
}
