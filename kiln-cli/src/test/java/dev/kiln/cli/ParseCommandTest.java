package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int kiln(String... args) {
        return Kiln.run(new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), false), args);
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static final String TWO_STAGES = "# syntax=docker/dockerfile:1\nARG GO=1.22\nFROM golang:${GO} AS build\n"
            + "RUN --mount=type=cache,target=/root/.cache \\\n    go build -o /app .\n"
            + "FROM scratch\nCOPY --from=build /app /app\nRUN <<EOF\necho hi\nEOF\n";

    @Test
    void textShowsStagesAndInstructionsWithPositions() throws Exception {
        Path file = write("Dockerfile", TWO_STAGES);
        assertThat(kiln("parse", file.toString())).isZero();
        String text = out.toString();
        assertThat(text).contains(file + ": 2 stages, 6 instructions, escape \\");
        assertThat(text).contains("1:1-1:29      # syntax=docker/dockerfile:1");
        assertThat(text).contains("global ARG GO=1.22");
        assertThat(text).contains("stage 0 \"build\": FROM golang:${GO}  (3:1-5:23)");
        assertThat(text).contains("  4:1-5:23      RUN --mount=type=cache,target=/root/.cache go build -o /app .");
        assertThat(text).contains("stage 1: FROM scratch");
        assertThat(text).contains("  9:1-10:1        <<EOF (1 line)");
    }

    @Test
    void jsonFollowsTheDocumentedSchema() throws Exception {
        Path file = write("Dockerfile", TWO_STAGES);
        assertThat(kiln("parse", "--format", "json", file.toString())).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("file").asText()).isEqualTo(file.toString());
        assertThat(root.get("directives").get(0).get("name").asText()).isEqualTo("syntax");
        assertThat(root.get("globalArgs")).hasSize(1);
        JsonNode build = root.get("stages").get(0);
        assertThat(build.get("name").asText()).isEqualTo("build");
        assertThat(build.get("baseImage").asText()).isEqualTo("golang:${GO}");
        JsonNode run = build.get("instructions").get(0);
        assertThat(run.get("keyword").asText()).isEqualTo("RUN");
        assertThat(run.get("form").asText()).isEqualTo("shell");
        assertThat(run.get("flags").get(0).get("name").asText()).isEqualTo("mount");
        assertThat(run.get("range").get("start").get("line").asInt()).isEqualTo(4);
        assertThat(run.get("range").get("end").get("line").asInt()).isEqualTo(5);
        assertThat(run.get("arguments").get(0).get("value").asText()).isEqualTo("go build -o /app .");
        JsonNode heredocRun = root.get("stages").get(1).get("instructions").get(1);
        assertThat(heredocRun.get("heredocs").get(0).get("content").asText()).isEqualTo("echo hi\n");
        assertThat(root.get("stages").get(1).get("name").isNull()).isTrue();
    }

    @Test
    void severalFilesInJsonAreAnArray() throws Exception {
        Path a = write("a.Dockerfile", "FROM a\n");
        Path b = write("b.Dockerfile", "FROM b\n");
        assertThat(kiln("parse", "--format", "json", a.toString(), b.toString())).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.isArray()).isTrue();
        assertThat(root).hasSize(2);
    }

    @Test
    void badDockerfileIsOneLocatedErrorLineAndExitTwo() throws Exception {
        Path file = write("Dockerfile", "FROM a\n\nCOPY onlyone\n");
        assertThat(kiln("parse", file.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kiln: error: " + file + ":3:1: COPY requires at least two arguments\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void missingFileIsBadInput() {
        assertThat(kiln("parse", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("kiln: error: no such file or directory: ");
    }
}
