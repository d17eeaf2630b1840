package dev.kiln.build.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.build.run.Mount;
import dev.kiln.build.run.OutputTail;
import dev.kiln.build.run.RunResult;
import dev.kiln.build.run.RunSpec;
import dev.kiln.build.run.Sandbox;
import dev.kiln.build.run.Sandboxes;
import dev.kiln.tar.Compression;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerWriteOptions;
import dev.kiln.tar.LayerWriter;
import dev.kiln.testing.DebianMinbase;
import dev.kiln.testing.Tools;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real RUN: {@code apt-get install --no-install-recommends hello} over a debootstrap Debian base, in
 * the default sandbox with a secret mounted, snapshotted by overlay. The layer has the package and
 * the dpkg status change, and nothing of the sandbox: no /proc, /dev, secret or resolv.conf.
 */
class DebianAptLayerIT {

    @Test
    void aptGetInstallGivesALayerWithThePackageAndNoneOfTheSandbox(@TempDir Path dir) throws Exception {
        Tools.requireRoot("namespaces, mounts and owners");
        Tools.requireOverlay(dir);
        Path debian = DebianMinbase.rootfs(dir.resolve("debian"));
        Path secret = Files.writeString(dir.resolve("token"), "top-secret-value");
        Sandbox sandbox = Sandboxes.select(Map.of());
        try (Snapshot snapshot = new OverlaySnapshotter().prepare(List.of(debian), dir.resolve("ws"))) {
            RunSpec spec = RunSpec.of(snapshot.rootfs(), List.of("/bin/sh", "-c",
                            "test \"$(cat /run/secrets/token)\" = top-secret-value"
                                    + " && apt-get update -qq && apt-get install -y -qq --no-install-recommends hello"
                                    + " && rm -rf /var/lib/apt/lists/* && hello"),
                    List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND=noninteractive"))
                    .withMounts(List.of(new Mount.Bind(secret, "/run/secrets/token", true)))
                    .withTimeout(Duration.ofMinutes(10));
            OutputTail output = new OutputTail(20);
            RunResult result = sandbox.run(spec, output);
            assertThat(result.exitCode()).as(String.join("\n", result.tail())).isZero();
            assertThat(output.lines()).contains("Hello, world!");

            List<Change> changes = snapshot.changes();
            Set<String> paths = changes.stream().map(c -> c.entry().path()).collect(Collectors.toSet());
            assertThat(paths).contains("usr/bin/hello", "var/lib/dpkg/status", "usr/share/doc/hello/copyright");
            assertThat(paths).noneMatch(p -> p.startsWith("proc/") || p.startsWith("dev/") || p.startsWith("sys/"));
            assertThat(paths).doesNotContain("run/secrets", "run/secrets/token", "etc/resolv.conf", "etc/hosts",
                    "proc", "dev", "sys");
            assertThat(paths).noneMatch(p -> p.startsWith("run/secrets"));
            for (Change change : changes) {
                if (change.content() != null) {
                    assertThat(Files.readString(change.content(), java.nio.charset.StandardCharsets.ISO_8859_1))
                            .as(change.entry().path()).doesNotContain("top-secret-value");
                }
            }
            assertThat(paths).as("downloaded apt lists were removed in the same RUN, so no list is in the layer")
                    .noneMatch(p -> p.startsWith("var/lib/apt/lists/") && !p.contains("/.wh."));
            LayerEntry status = changes.stream().filter(c -> c.entry().path().equals("var/lib/dpkg/status"))
                    .findFirst().orElseThrow().entry();
            assertThat(status.size()).isGreaterThan(Files.size(debian.resolve("var/lib/dpkg/status")));

            Instant epoch = Instant.parse("2024-01-01T00:00:00Z");
            LayerDigests first;
            try (LayerWriter writer = LayerWriter.open(OutputStream.nullOutputStream(), Compression.GZIP,
                    LayerWriteOptions.DEFAULT.withSourceDateEpoch(epoch))) {
                first = snapshot.writeLayer(writer);
            }
            try (LayerWriter writer = LayerWriter.open(OutputStream.nullOutputStream(), Compression.GZIP,
                    LayerWriteOptions.DEFAULT.withSourceDateEpoch(epoch))) {
                assertThat(snapshot.writeLayer(writer).diffId()).as("same changes, same layer").isEqualTo(first.diffId());
            }
        }
    }
}
