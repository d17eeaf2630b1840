package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Hardlinks survive COPY from the context and RUN under both snapshotters: one inode, link count kept. */
class BuildHardlinksIT {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"overlay", "walk"})
    void hardlinksStayHardlinksThroughCopyAndRun(String snapshotter) throws Exception {
        Tools.require("busybox");
        Tools.require("umoci");
        BuildHarness h = new BuildHarness(tmp);
        h.env.put("KILN_SNAPSHOTTER", snapshotter);
        h.withBusybox("busybox:test");
        Path ctx = h.context("links", Map.of("Dockerfile", """
                FROM busybox:test
                COPY tree/ /tree/
                RUN echo made > /made && ln /made /made-too && mkdir -p /deep/er && ln /made /deep/er/third
                """, "tree/sub/original", "shared bytes\n"));
        Files.createLink(ctx.resolve("tree/alias"), ctx.resolve("tree/sub/original"));
        assertThat(h.kiln("build", "-t", "links:1", ctx.toString())).as(h.err()).isZero();
        assertThat(h.kiln("run", "links:1", "sh", "-c",
                "stat -c '%h %i' /tree/alias /tree/sub/original /made /made-too /deep/er/third; cat /tree/sub/original"))
                .as(h.err()).isZero();
        String[] lines = h.out().split("\n");
        assertThat(lines).hasSize(6);
        assertThat(lines[0]).startsWith("2 ").isEqualTo(lines[1]);
        assertThat(lines[2]).startsWith("3 ").isEqualTo(lines[3]).isEqualTo(lines[4]);
        assertThat(lines[5]).isEqualTo("shared bytes");

        // independently: the layers as umoci unpacks them carry the links, not copies
        Path rootfs = h.umoci("links:1").rootfs();
        assertThat(Files.getAttribute(rootfs.resolve("tree/alias"), "unix:ino"))
                .isEqualTo(Files.getAttribute(rootfs.resolve("tree/sub/original"), "unix:ino"));
        assertThat(Files.getAttribute(rootfs.resolve("deep/er/third"), "unix:ino"))
                .isEqualTo(Files.getAttribute(rootfs.resolve("made"), "unix:ino"));
        assertThat(Files.getAttribute(rootfs.resolve("made"), "unix:nlink")).isEqualTo(3);
    }
}
