package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kiln lint end to end in-process: formats, settings, exit codes like hadolint's, located parse errors. */
class LintCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int kiln(String stdin, Map<String, String> env, String... args) {
        Terminal t = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), env, false,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        String[] all = new String[args.length + 1];
        all[0] = "lint";
        System.arraycopy(args, 0, all, 1, args.length);
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Kiln.run(t, all);
    }

    private int kiln(String... args) {
        return kiln("", Map.of("HOME", dir.resolve("home").toString()), args);
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void findingsAtOrAboveTheThresholdExitOneAndBelowExitZero() throws Exception {
        Path f = write("Dockerfile", "FROM debian:12.5-slim\nRUN apt-get install -y --no-install-recommends curl\nUSER 1\n");
        assertThat(kiln(f.toString())).isEqualTo(1);
        assertThat(out.toString()).contains(f + ":2:48 warning DL3008 apt-get install of curl without versions");
        assertThat(kiln("-t", "error", f.toString())).isZero();
        assertThat(kiln("--no-fail", f.toString())).isZero();
        assertThat(kiln("--ignore", "DL3008", f.toString())).isZero();
        assertThat(kiln("--error", "DL3008", "-t", "error", f.toString())).isEqualTo(1);
    }

    @Test
    void aFileThatDoesNotParseExitsTwoWithTheLocatedErrorAndTheOthersAreStillLinted() throws Exception {
        Path bad = write("bad.Dockerfile", "FROM debian:12.5\nCOPY onlyone\n");
        Path good = write("good.Dockerfile", "FROM debian:12.5-slim\nWORKDIR app\nUSER 1\n");
        assertThat(kiln(bad.toString(), good.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("kiln: error: " + bad + ":2:1: COPY requires at least two arguments")
                .contains("   2 | COPY onlyone").doesNotContain("Exception");
        assertThat(out.toString()).contains(good + ":2:9 error DL3000");
    }

    @Test
    void jsonAndSarifAreMachineReadable() throws Exception {
        Path f = write("Dockerfile", "FROM debian:12.5-slim\nWORKDIR app\nUSER 1\n");
        assertThat(kiln("-f", "json", f.toString())).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get(0).get("code").asText()).isEqualTo("DL3000");
        assertThat(kiln("--format", "sarif", f.toString())).isEqualTo(1);
        JsonNode sarif = new ObjectMapper().readTree(out.toString());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("runs").get(0).get("results").get(0).get("ruleId").asText()).isEqualTo("DL3000");
    }

    @Test
    void hadolintConfigNextToTheDockerfileIsUsedAndBadConfigIsExitTwo() throws Exception {
        Path f = write("app/Dockerfile", "FROM debian:12.5-slim\nWORKDIR app\nUSER 1\n");
        write("app/.hadolint.yaml", "ignored: [DL3000]\n");
        assertThat(kiln(f.toString())).isZero();
        assertThat(out.toString()).isEmpty();
        write("app/.hadolint.yaml", "ignored: DL3000: x\n");
        assertThat(kiln(f.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("kiln: error: " + dir.resolve("app/.hadolint.yaml")).contains("not valid YAML");
        assertThat(err.toString().lines().filter(l -> l.startsWith("kiln: error:"))).hasSize(1);
    }

    @Test
    void standardInputAndEnvironmentSettings() throws Exception {
        int code = kiln("FROM debian:12.5-slim\nWORKDIR app\nUSER 1\n", Map.of("HADOLINT_FAILURE_THRESHOLD", "none",
                "HOME", dir.toString()), "--file-path-in-report", "svc/Dockerfile", "-f", "gnu", "-");
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("svc/Dockerfile:2.9-2.11: error: WORKDIR app is relative");
    }

    @Test
    void badOptionValuesAreBadUsage() throws Exception {
        Path f = write("Dockerfile", "FROM debian:12.5-slim\nUSER 1\n");
        assertThat(kiln("-f", "yaml", f.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("kiln: error: --format: unknown format \"yaml\"");
        assertThat(kiln("--require-label", "version", f.toString())).isEqualTo(2);
        assertThat(kiln(dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such file or directory");
    }

    @Test
    void listRulesShowsEveryCodeWithItsLevel() {
        assertThat(kiln("--list-rules")).isZero();
        assertThat(out.toString()).contains("DL3008  warning  Pin versions in apt-get install").contains("KL001   warning");
    }
}
