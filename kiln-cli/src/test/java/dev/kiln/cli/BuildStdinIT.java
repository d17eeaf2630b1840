package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.ExternalCommand;
import dev.kiln.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's stdin forms: {@code -f -}, {@code build - < Dockerfile} (no context) and a context tar on stdin. */
class BuildStdinIT {

    @TempDir
    Path tmp;

    BuildHarness h;

    @BeforeEach
    void base() throws Exception {
        Tools.require("busybox");
        h = new BuildHarness(tmp).withBusybox("busybox:test");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void dockerfileFromStdinBuildsAgainstTheGivenContext() throws Exception {
        Path ctx = h.context("ctx", Map.of("greeting.txt", "hello\n", ".dockerignore", "secret.txt\n",
                "secret.txt", "no\n"));
        byte[] dockerfile = utf8("FROM busybox:test\nCOPY . /app/\nRUN cat /app/greeting.txt > /out\n");
        assertThat(h.kilnWithStdin(dockerfile, "build", "-f", "-", "-t", "stdin:1", ctx.toString())).as(h.err()).isZero();
        assertThat(h.kiln("run", "stdin:1", "sh", "-c", "cat /out; ls -A /app")).as(h.err()).isZero();
        assertThat(h.out()).isEqualTo("hello\n.dockerignore\ngreeting.txt\n");
    }

    @Test
    void aLoneDockerfileOnStdinHasAnEmptyContext() throws Exception {
        byte[] dockerfile = utf8("FROM busybox:test\nRUN echo built > /out\n");
        assertThat(h.kilnWithStdin(dockerfile, "build", "-t", "lone:1", "-")).as(h.err()).isZero();
        assertThat(h.kiln("run", "lone:1", "cat", "/out")).as(h.err()).isZero();
        assertThat(h.out()).isEqualTo("built\n");

        byte[] copying = utf8("FROM busybox:test\nCOPY Dockerfile /\n");
        assertThat(h.kilnWithStdin(copying, "build", "-t", "lone:2", "-")).isEqualTo(2);
        assertThat(h.err()).startsWith("kiln: error: ").contains("Dockerfile:2");
    }

    @Test
    void aGzipContextTarOnStdinCarriesItsDockerfileAndFiles() throws Exception {
        Path src = h.context("tarred", Map.of("Dockerfile", "FROM busybox:test\nCOPY data/ /data/\nRUN cat /data/x > /out\n",
                "other.Dockerfile", "FROM busybox:test\nCOPY data/x /y\n", "data/x", "from the tar\n"));
        Path tar = tmp.resolve("ctx.tar.gz");
        ExternalCommand.check(src, "tar", "-czf", tar.toString(), ".");
        assertThat(h.kilnWithStdin(Files.readAllBytes(tar), "build", "-t", "tar:1", "-")).as(h.err()).isZero();
        assertThat(h.kiln("run", "tar:1", "cat", "/out")).as(h.err()).isZero();
        assertThat(h.out()).isEqualTo("from the tar\n");

        assertThat(h.kilnWithStdin(Files.readAllBytes(tar), "build", "-f", "other.Dockerfile", "-t", "tar:2", "-"))
                .as(h.err()).isZero();
        assertThat(h.kiln("run", "tar:2", "cat", "/y")).as(h.err()).isZero();
        assertThat(h.out()).isEqualTo("from the tar\n");
    }

    @Test
    void stdinForBothDockerfileAndContextIsBadUsage() {
        assertThat(h.kilnWithStdin(utf8("FROM busybox:test\n"), "build", "-f", "-", "-")).isEqualTo(2);
        assertThat(h.err()).isEqualTo("kiln: error: -f - and context - cannot both read standard input\n");
    }
}
