package dev.kiln.lint.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.dockerfile.parser.DockerfileParser;
import dev.kiln.lint.LintConfig;
import dev.kiln.lint.LintResult;
import dev.kiln.lint.Linter;
import dev.kiln.lint.Rule;
import dev.kiln.lint.rules.Rules;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every report format carries the same findings, in the shape its consumers read. */
class ReportsTest {

    private static final String DOCKERFILE = "FROM debian:12.5\nRUN apt-get update && apt-get install -y curl\n"
            + "WORKDIR app\nCMD run \"<x>\"\n";
    private static final List<Rule> RULES = Rules.all();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<LintResult> results() throws Exception {
        Linter linter = new Linter(RULES, LintConfig.DEFAULT);
        return List.of(linter.lint(DockerfileParser.parse("dir/Dockerfile", DOCKERFILE)),
                linter.lint(DockerfileParser.parse("clean.Dockerfile", "FROM scratch\nCOPY a /a\nUSER 10001\n")));
    }

    private static String render(Format format, boolean color) throws Exception {
        StringWriter s = new StringWriter();
        format.report(color, ToolInfo.KILN.withVersion("1.2.3")).write(results(), RULES, new PrintWriter(s));
        return s.toString();
    }

    private static int findingCount() throws Exception {
        return results().stream().mapToInt(r -> r.findings().size()).sum();
    }

    @Test
    void jsonHasHadolintsFieldsPlusEndAndFix() throws Exception {
        JsonNode array = JSON.readTree(render(Format.JSON, false));
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(findingCount());
        JsonNode dl3000 = find(array, "DL3000");
        assertThat(dl3000.get("file").asText()).isEqualTo("dir/Dockerfile");
        assertThat(dl3000.get("level").asText()).isEqualTo("error");
        assertThat(dl3000.get("line").asInt()).isEqualTo(3);
        assertThat(dl3000.get("column").asInt()).isEqualTo(9);
        assertThat(dl3000.get("endLine").asInt()).isEqualTo(3);
        assertThat(dl3000.get("endColumn").asInt()).isEqualTo(12);
        assertThat(dl3000.get("message").asText()).contains("WORKDIR app");
        assertThat(dl3000.get("fix").isNull()).isTrue();
        JsonNode dl3015 = find(array, "DL3015");
        assertThat(dl3015.get("fix").get("description").asText()).isEqualTo("add --no-install-recommends");
        JsonNode edit = dl3015.get("fix").get("edits").get(0);
        assertThat(edit.get("line").asInt()).isEqualTo(2);
        assertThat(edit.get("column").asInt()).isEqualTo(DOCKERFILE.lines().toList().get(1).indexOf("install") + 8);
        assertThat(edit.get("text").asText()).isEqualTo(" --no-install-recommends");
    }

    @Test
    void sarifHasTheRequiredStructureOfTheSchema() throws Exception {
        JsonNode sarif = JSON.readTree(render(Format.SARIF, false));
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("$schema").asText()).contains("sarif-schema-2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(sarif.get("runs")).hasSize(1);
        JsonNode driver = run.get("tool").get("driver");
        assertThat(driver.get("name").asText()).isEqualTo("kiln");
        assertThat(driver.get("version").asText()).isEqualTo("1.2.3");
        JsonNode rules = driver.get("rules");
        assertThat(rules).hasSize(RULES.size());
        Set<String> levels = Set.of("none", "note", "warning", "error");
        for (JsonNode rule : rules) {
            assertThat(rule.get("id").asText()).matches("(DL|KL)[0-9]+");
            assertThat(rule.get("shortDescription").get("text").asText()).isNotBlank();
            assertThat(rule.get("helpUri").asText()).startsWith("https://");
            assertThat(levels).contains(rule.get("defaultConfiguration").get("level").asText());
        }
        JsonNode results = run.get("results");
        assertThat(results).hasSize(findingCount());
        for (JsonNode r : results) {
            assertThat(r.get("message").get("text").asText()).isNotBlank();
            assertThat(levels).contains(r.get("level").asText());
            int index = r.get("ruleIndex").asInt();
            assertThat(rules.get(index).get("id").asText()).isEqualTo(r.get("ruleId").asText());
            JsonNode location = r.get("locations").get(0).get("physicalLocation");
            assertThat(location.get("artifactLocation").get("uri").asText()).isEqualTo("dir/Dockerfile");
            JsonNode region = location.get("region");
            assertThat(region.get("startLine").asInt()).isPositive();
            assertThat(region.get("startColumn").asInt()).isPositive();
            assertThat(region.get("endLine").asInt()).isGreaterThanOrEqualTo(region.get("startLine").asInt());
            if (r.has("fixes")) {
                JsonNode change = r.get("fixes").get(0).get("artifactChanges").get(0);
                assertThat(change.get("artifactLocation").get("uri").asText()).isEqualTo("dir/Dockerfile");
                JsonNode replacement = change.get("replacements").get(0);
                assertThat(replacement.get("deletedRegion").get("startLine").asInt()).isPositive();
                assertThat(replacement.get("insertedContent").has("text")).isTrue();
            }
        }
        assertThat(results.findValues("fixes")).isNotEmpty();
    }

    @Test
    void checkstyleIsWellFormedXmlWithOneFileElementPerDockerfile() throws Exception {
        String xml = render(Format.CHECKSTYLE, false);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList files = doc.getElementsByTagName("file");
        assertThat(files.getLength()).isEqualTo(2);
        NodeList errors = ((Element) files.item(0)).getElementsByTagName("error");
        assertThat(errors.getLength()).isEqualTo(results().get(0).findings().size());
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < errors.getLength(); i++) {
            Element e = (Element) errors.item(i);
            sources.add(e.getAttribute("source"));
            assertThat(Set.of("error", "warning", "info")).contains(e.getAttribute("severity"));
            assertThat(Integer.parseInt(e.getAttribute("line"))).isPositive();
        }
        assertThat(sources).contains("DL3000", "DL3025");
        assertThat(xml).contains("&quot;&lt;x&gt;&quot;");
    }

    @Test
    void codeClimateIssuesAreNulSeparatedAndGitlabsAreAnArray() throws Exception {
        String engine = render(Format.CODECLIMATE, false);
        List<JsonNode> issues = new ArrayList<>();
        for (String part : engine.split("\u0000")) {
            if (!part.isBlank()) {
                issues.add(JSON.readTree(part));
            }
        }
        assertThat(issues).hasSize(findingCount());
        JsonNode gitlab = JSON.readTree(render(Format.GITLAB_CODECLIMATE, false));
        assertThat(gitlab).hasSize(findingCount());
        Set<String> fingerprints = new java.util.HashSet<>();
        for (JsonNode i : gitlab) {
            assertThat(i.get("type").asText()).isEqualTo("issue");
            assertThat(i.get("location").get("path").asText()).isEqualTo("dir/Dockerfile");
            assertThat(i.get("location").get("lines").get("begin").asInt()).isPositive();
            assertThat(Set.of("info", "minor", "major", "critical", "blocker")).contains(i.get("severity").asText());
            assertThat(fingerprints.add(i.get("fingerprint").asText())).isTrue();
        }
    }

    @Test
    void gnuLinesNameFileRangeLevelMessageAndCode() throws Exception {
        List<String> lines = render(Format.GNU, false).lines().toList();
        assertThat(lines).hasSize(findingCount());
        assertThat(lines).allMatch(l -> l.matches("dir/Dockerfile:[0-9]+\\.[0-9]+-[0-9]+\\.[0-9]+: (error|warning|info|style): .+ \\[(DL|KL)[0-9]+\\]"));
        assertThat(lines).anyMatch(l -> l.startsWith("dir/Dockerfile:3.9-3.11: error: WORKDIR app is relative"));
    }

    @Test
    void ttyQuotesTheLineUnderlinesTheRangeAndGivesTheAdvice() throws Exception {
        String out = render(Format.TTY, false);
        assertThat(out).doesNotContain("\u001b[");
        List<String> lines = out.lines().toList();
        int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("dir/Dockerfile:3:9 error DL3000 ")).findFirst()
                .orElseThrow());
        assertThat(lines.get(at + 1)).isEqualTo("   3 | WORKDIR app");
        assertThat(lines.get(at + 2)).isEqualTo("     |         ^^^");
        assertThat(lines.get(at + 3)).startsWith("     = Write WORKDIR as an absolute path").endsWith(
                "(https://github.com/hadolint/hadolint/wiki/DL3000)");
        assertThat(lines.get(lines.size() - 1)).matches("[0-9]+ findings \\(.*\\) in 1 file");
        assertThat(render(Format.TTY, true)).contains("\u001b[1;31merror\u001b[0m");
    }

    private static JsonNode find(JsonNode array, String code) {
        for (JsonNode n : array) {
            if (n.get("code").asText().equals(code)) {
                return n;
            }
        }
        throw new AssertionError("no " + code + " in " + array);
    }
}
