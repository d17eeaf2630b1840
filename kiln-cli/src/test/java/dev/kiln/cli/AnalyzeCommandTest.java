package dev.kiln.cli;

import static dev.kiln.analysis.StackedImage.dir;
import static dev.kiln.analysis.StackedImage.file;
import static dev.kiln.analysis.StackedImage.text;
import static dev.kiln.analysis.StackedImage.whiteout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.analysis.StackedImage;
import dev.kiln.oci.ContainerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String layout;

    private int kiln(String... args) {
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("KILN_HOME", dir.resolve("home").toString()), false);
        return Kiln.run(terminal, args);
    }

    static StackedImage.Builder app() {
        return StackedImage.builder()
                .layer("/bin/sh -c #(nop) ADD file:base in /", dir("bin"), file("bin/sh", 5000), dir("etc"),
                        file("etc/passwd", 100))
                .emptyStep("/bin/sh -c #(nop)  ENV PATH=/bin")
                .layer("/bin/sh -c apt-get update && apt-get install -y gcc", dir("var"),
                        file("var/lib/apt/lists/main_Packages", 40_000), file("usr/bin/gcc", 9000),
                        file("tmp/build.o", 3000))
                .layer("/bin/sh -c rm /tmp/build.o", whiteout("tmp/build.o"), text("app/.env", "DB_PASSWORD=s3cr3tvalue\n"))
                .config(ContainerConfig.builder().entrypoint(List.of("/app/run")).build());
    }

    @BeforeEach
    void writeImage() throws Exception {
        app().writeOciLayout(dir.resolve("app"), "1.0.0-1");
        layout = "oci:" + dir.resolve("app") + ":1.0.0-1";
    }

    @Test
    void textSummaryShowsBytesStepsAndFindings() {
        assertThat(kiln("analyze", layout)).isZero();
        String text = out.toString();
        assertThat(text).contains("reclaimable 3.0 kB").contains("ENV PATH=/bin")
                .contains("RUN apt-get update && apt-get install -y gcc").contains("/tmp/build.o")
                .contains("deleted-later").contains("package-cache").contains("build-tools").contains("secret")
                .contains("runs-as-root").contains("no-init").contains("dive: efficiency");
        assertThat(text).doesNotContain("s3cr3tvalue");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonIsDiveCompatibleWithKilnFigures() throws Exception {
        assertThat(kiln("analyze", "--format", "json", layout)).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("layer")).hasSize(3);
        assertThat(json.at("/image/efficiencyScore").isNumber()).isTrue();
        assertThat(json.at("/kiln/totals/reclaimableBytes").asLong()).isEqualTo(3000);
        assertThat(json.at("/kiln/history")).hasSize(4);
    }

    @Test
    void ciGateFailsWithTheListOfFailedRules() throws Exception {
        Path kilnYaml = Files.writeString(dir.resolve("k.yaml"), "analyze:\n  forbidSecrets: true\n  forbidRoot: true\n"
                + "  maxReclaimableBytes: 10MB\n");
        assertThat(kiln("analyze", "--ci", "--config", kilnYaml.toString(), layout)).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL forbidSecrets: /app/.env (layer 2)")
                .contains("FAIL forbidRoot").contains("PASS maxReclaimableBytes")
                .contains("Result: FAIL [passed 1, failed 2, skipped 0]");

        out.getBuffer().setLength(0);
        Path diveCi = Files.writeString(dir.resolve("dive-ci"), "rules:\n  lowestEfficiency: 0.01\n"
                + "  highestUserWastedPercent: 0.99\n  highestWastedBytes: 20MB\n");
        assertThat(kiln("analyze", "--ci", "--ci-config", diveCi.toString(), "--config", diveCi.toString(), layout))
                .isZero();
        assertThat(out.toString()).contains("Result: PASS");
    }

    @Test
    void htmlReportIsWrittenNextToNothingElse() throws Exception {
        Path report = dir.resolve("out/report.html");
        assertThat(kiln("analyze", "--html", report.toString(), layout)).isZero();
        assertThat(Files.readString(report)).contains("<svg id=\"layers\"").contains("\"reclaimableBytes\" : 3000");
        try (var files = Files.list(report.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.html");
        }
    }

    @Test
    void compareShowsWhatGrewAndWhatAppeared() throws Exception {
        app().layer("/bin/sh -c cp big /app/big", file("app/big", 70_000)).writeOciLayout(dir.resolve("app2"), "2");
        assertThat(kiln("analyze", layout, "--compare", "oci:" + dir.resolve("app2") + ":2")).isZero();
        assertThat(out.toString()).contains("+70 kB  added   /app/big").contains("after").contains("cp big /app/big");
        out.getBuffer().setLength(0);
        assertThat(kiln("analyze", "--format", "json", layout, "--compare", "oci:" + dir.resolve("app2") + ":2")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.at("/totals/visibleBytes/delta").asLong()).isEqualTo(70_000);
        assertThat(json.at("/paths/0/change").asText()).isEqualTo("added");
    }

    @Test
    void explicitBaseSplitsBaseAndOwnBytes() throws Exception {
        StackedImage.builder().layer("/bin/sh -c #(nop) ADD file:base in /", dir("bin"), file("bin/sh", 5000), dir("etc"),
                file("etc/passwd", 100)).writeOciLayout(dir.resolve("base"), "12");
        assertThat(kiln("analyze", "--base", "oci:" + dir.resolve("base") + ":12", layout)).isZero();
        assertThat(out.toString()).contains("base oci:" + dir.resolve("base") + ":12: 1 layer");

        assertThat(kiln("analyze", "--base", layout, "oci:" + dir.resolve("base") + ":12")).isEqualTo(2);
        assertThat(err.toString()).startsWith("kiln: error: oci:" + dir.resolve("app") + ":1.0.0-1 is not a base of ");
    }

    @Test
    void baseIsFoundInTheStoreByTheLongestSharedLayerPrefix() throws Exception {
        StackedImage.builder().layer("/bin/sh -c #(nop) ADD file:base in /", dir("bin"), file("bin/sh", 5000), dir("etc"),
                file("etc/passwd", 100)).writeOciLayout(dir.resolve("base"), "12");
        StackedImage.builder().layer("/bin/sh -c #(nop) ADD file:other in /", file("other", 1)).writeOciLayout(
                dir.resolve("other"), "1");
        assertThat(kiln("copy", "-q", "oci:" + dir.resolve("base") + ":12", "debian:12")).isZero();
        assertThat(kiln("copy", "-q", "oci:" + dir.resolve("other") + ":1", "other:1")).isZero();
        assertThat(kiln("copy", "-q", layout, "app:1.0.0-1")).isZero();
        out.getBuffer().setLength(0);
        assertThat(kiln("analyze", "--format", "json", "app:1.0.0-1")).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.at("/kiln/base/name").asText()).isEqualTo("debian:12");
        assertThat(json.at("/kiln/base/layers").asInt()).isEqualTo(1);
        assertThat(json.at("/kiln/own/layers").asInt()).isEqualTo(2);
        assertThat(json.at("/kiln/layers/0/base").asBoolean()).isTrue();
        assertThat(json.get("kiln").get("findings").findValuesAsText("code")).doesNotContain("latest-tag");
    }

    @Test
    void dockerArchiveIsReadAndItsRepoTagCountsAsTheTag() throws Exception {
        Path archive = dir.resolve("app.tar");
        assertThat(kiln("copy", "-q", layout, "docker-archive:" + archive + ":app:1.0.0-1")).as(err.toString()).isZero();
        out.getBuffer().setLength(0);
        assertThat(kiln("analyze", "--format", "json", "docker-archive:" + archive)).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.at("/kiln/totals/reclaimableBytes").asLong()).isEqualTo(3000);
        assertThat(json.get("kiln").get("findings").findValuesAsText("code")).doesNotContain("latest-tag");
    }

    @Test
    void badInputIsOneLineWithExitTwo() throws Exception {
        assertThat(kiln("analyze", "oci:" + dir.resolve("missing"))).isEqualTo(2);
        assertThat(err.toString().lines().filter(l -> l.startsWith("kiln: error:"))).hasSize(1);
        assertThat(err.toString()).doesNotContain("\tat ");

        err.getBuffer().setLength(0);
        Files.writeString(dir.resolve("bad.yaml"), "analyze:\n  maxImageSize: huge\n");
        assertThat(kiln("analyze", "--ci", "--config", dir.resolve("bad.yaml").toString(), layout)).isEqualTo(2);
        assertThat(err.toString()).contains("bad.yaml:2: maxImageSize: expected a size");

        err.getBuffer().setLength(0);
        assertThat(kiln("analyze", "-i", "--format", "json", layout)).isEqualTo(2);
    }

    @Test
    void corruptLayerIsReportedWithItsDigest() throws Exception {
        Path blobs = dir.resolve("app/blobs/sha256");
        long largest = 0;
        Path victim = null;
        try (var files = Files.list(blobs)) {
            for (Path p : files.toList()) {
                if (Files.size(p) > largest) {
                    largest = Files.size(p);
                    victim = p;
                }
            }
        }
        byte[] bytes = Files.readAllBytes(victim);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(victim, bytes);
        int code = kiln("analyze", layout);
        assertThat(code).isIn(1, 2);
        assertThat(err.toString()).startsWith("kiln: error:").contains(victim.getFileName().toString().substring(0, 12));
    }
}
