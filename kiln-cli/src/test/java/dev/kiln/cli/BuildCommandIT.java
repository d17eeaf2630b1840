package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.Tools;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCommandIT {

    @TempDir
    Path tmp;

    BuildHarness h;

    @BeforeEach
    void base() throws Exception {
        Tools.require("busybox");
        h = new BuildHarness(tmp).withBusybox("busybox:test");
    }

    @Test
    void runAndCopyMakeLayersAndARebuildIsAllCached() throws Exception {
        Path ctx = h.context("ctx", Map.of(
                "Dockerfile", "FROM busybox:test\nCOPY hello.txt /app/\nRUN cat /app/hello.txt > /app/copy && echo built\n"
                        + "ENV GREETING=hi\nCMD [\"cat\", \"/app/copy\"]\n",
                "hello.txt", "hello\n"));
        int code = h.kiln("build", "-t", "app:1", ctx.toString());
        assertThat(code).as(h.err()).isZero();
        assertThat(h.err()).contains("RUN").contains("built");
        String digest = h.out().strip();
        assertThat(digest).startsWith("sha256:");

        assertThat(h.kiln("build", "-t", "app:1", "--format", "json", ctx.toString())).as(h.err()).isZero();
        assertThat(h.out()).contains("\"stepsExecuted\":0").contains("\"runCommands\":0").contains("\"layersUnpacked\":0")
                .contains("\"manifest\":\"" + digest + "\"");
    }
}
