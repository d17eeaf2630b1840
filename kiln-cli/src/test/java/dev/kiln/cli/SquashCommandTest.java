package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.Image;
import dev.kiln.image.Images;
import dev.kiln.image.Layer;
import dev.kiln.oci.Platform;
import dev.kiln.tar.Compression;
import dev.kiln.testing.LayeredImages;
import dev.kiln.testing.LayeredImages.Entry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SquashCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int kiln(String... args) {
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("KILN_HOME", tmp.resolve("home").toString()), false);
        return Kiln.run(terminal, args);
    }

    private Path wasteful() throws Exception {
        byte[] big = new byte[5 << 20];
        new Random(1).nextBytes(big);
        Path dir = tmp.resolve("img");
        LayeredImages.write(dir, "1.0", List.of(
                List.of(Entry.dir("etc"), Entry.file("etc/os-release", "ID=t\n".getBytes())),
                List.of(Entry.dir("tmp"), Entry.file("tmp/blob", big)),
                List.of(Entry.dir("tmp"), Entry.whiteout("tmp/blob"))), Compression.GZIP);
        return dir;
    }

    @Test
    void squashLastTwoWritesTheOutputAndReportsTheSavedBytesAsJson() throws Exception {
        Path dir = wasteful();

        int code = kiln("squash", "oci:" + dir + ":1.0", "--last", "2", "--output", "oci:" + dir + ":squashed",
                "--format", "json", "-m", "merged");

        assertThat(code).as(err.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.get("layersBefore").asInt()).isEqualTo(3);
        assertThat(report.get("layersAfter").asInt()).isEqualTo(2);
        assertThat(report.get("compressed").get("saved").asLong()).isGreaterThanOrEqualTo(5 << 20);
        Image after = Images.resolve(OciLayout.open(dir).source("squashed", "t"), Platform.host());
        long blobs = 0;
        for (Layer l : after.layers()) {
            blobs += Files.size(OciLayout.open(dir).blobs().path(l.descriptor().digest()));
        }
        assertThat(report.get("compressed").get("after").asLong()).isEqualTo(blobs);
        assertThat(after.config().history().get(after.config().history().size() - 1).comment()).isEqualTo("merged");
    }

    @Test
    void textReportShowsBeforeAfterAndPercent() throws Exception {
        Path dir = wasteful();

        int code = kiln("squash", "oci:" + dir + ":1.0", "-t", "app:squashed");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("squashed layers 0-2 of 3 into one: 3 layers -> 1")
                .containsPattern("compressed +[0-9.]+ MiB +[0-9.]+ KiB +[0-9.]+ MiB \\(9[0-9]\\.[0-9]%\\)")
                .contains("wrote app:squashed");
        out.getBuffer().setLength(0);
        assertThat(kiln("tag", "app:squashed", "app:2.0.0-1")).as(err.toString()).isZero();
        assertThat(out.toString().trim()).isEqualTo("app:2.0.0-1");
    }

    @Test
    void dockerArchiveOutputGetsUncompressedLayersAndReadsBack() throws Exception {
        Path dir = wasteful();
        Path archive = tmp.resolve("app.tar");

        assertThat(kiln("squash", "oci:" + dir + ":1.0", "--last", "2", "--output", "docker-archive:" + archive + ":app:1",
                "--format", "json")).as(err.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        out.getBuffer().setLength(0);
        assertThat(kiln("squash", "docker-archive:" + archive, "--all", "--output", "oci:" + tmp.resolve("back") + ":1",
                "--format", "json")).as(err.toString()).isZero();
        JsonNode back = new ObjectMapper().readTree(out.toString());
        assertThat(back.get("layersBefore").asInt()).isEqualTo(2);
        // the archive's layers are stored uncompressed, and the report said so
        assertThat(back.get("compressed").get("before").asLong()).isEqualTo(report.get("compressed").get("after").asLong());
        assertThat(back.get("uncompressed").get("before").asLong()).isEqualTo(report.get("uncompressed").get("after").asLong());
    }

    @Test
    void conflictingRangeOptionsAreBadUsage() throws Exception {
        Path dir = wasteful();
        assertThat(kiln("squash", "oci:" + dir + ":1.0", "--last", "2", "--all")).isEqualTo(2);
        assertThat(err.toString()).contains("kiln: error: give only one of --from, --last and --all");
        err.getBuffer().setLength(0);
        assertThat(kiln("squash", "oci:" + dir + ":1.0", "--last", "9")).isEqualTo(2);
        assertThat(err.toString()).contains("--last 9: the image has 3 layers").doesNotContain("Exception");
    }

    @Test
    void tagComputePrintsVersionAndCiBuildNumber() {
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("KILN_HOME", tmp.toString(), "GITHUB_RUN_NUMBER", "311"), false);
        assertThat(Kiln.run(terminal, "tag", "compute", "--version", "1.13.3")).isZero();
        assertThat(out.toString().trim()).isEqualTo("1.13.3-311");
        out.getBuffer().setLength(0);
        assertThat(Kiln.run(terminal, "tag", "compute", "--version", "1.13.3", "--build", "9")).isZero();
        assertThat(out.toString().trim()).isEqualTo("1.13.3-9");
        out.getBuffer().setLength(0);
        assertThat(Kiln.run(terminal, "tag", "compute", "--version", "1.13.3", "--timestamp")).isZero();
        assertThat(out.toString().trim()).matches("1\\.13\\.3-20[0-9]{12}");
        assertThat(Kiln.run(terminal, "tag", "compute", "--version", "1.13")).isEqualTo(2);
        assertThat(err.toString()).contains("kiln: error: '1.13' is not a semantic version");
    }

    @Test
    void tagWithoutATagIsRefusedInsteadOfAssumingLatest() throws Exception {
        Path dir = wasteful();
        assertThat(kiln("tag", "oci:" + dir + ":1.0", "app")).isEqualTo(2);
        assertThat(err.toString()).contains("needs a tag");
        assertThat(kiln("tag", "oci:" + dir + ":1.0", "app", "--tag-scheme", "semver-build", "--version", "1.2.3",
                "--build", "5")).as(err.toString()).isZero();
        assertThat(out.toString().trim()).isEqualTo("app:1.2.3-5");
    }
}
