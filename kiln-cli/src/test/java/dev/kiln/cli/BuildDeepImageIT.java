package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RUN over base images far deeper than one page of overlay mount options can name by store path. */
class BuildDeepImageIT {

    @TempDir
    Path tmp;

    @Test
    void runWorksOnABaseImageOfAHundredAndTwentyLayers() throws Exception {
        Tools.require("busybox");
        BuildHarness h = new BuildHarness(tmp).withBusybox("busybox:test");
        Map<String, String> files = new HashMap<>();
        StringBuilder deep = new StringBuilder("FROM busybox:test\n");
        for (int i = 0; i < 119; i++) {
            files.put("parts/p" + i, i + "\n");
            deep.append("COPY parts/p").append(i).append(" /parts/\n");
        }
        files.put("Dockerfile", deep.toString());
        Path ctx = h.context("deep", files);
        assertThat(h.kiln("build", "-t", "deep:1", ctx.toString())).as(h.err()).isZero();
        assertThat(h.kiln("inspect", "--format", "json", "deep:1")).as(h.err()).isZero();

        Path app = h.context("app", Map.of("Dockerfile", """
                FROM deep:1
                RUN ls /parts | wc -l > /count && cat /parts/p0 /parts/p118 > /ends
                """));
        assertThat(h.kiln("build", "-t", "app:1", app.toString())).as(h.err()).isZero();
        assertThat(h.kiln("run", "app:1", "cat", "/count", "/ends")).as(h.err()).isZero();
        assertThat(h.out()).isEqualTo("119\n0\n118\n");
        assertThat(Files.exists(h.home)).isTrue();
    }
}
