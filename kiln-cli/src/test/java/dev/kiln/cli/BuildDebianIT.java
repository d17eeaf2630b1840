package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.DebianMinbase;
import dev.kiln.testing.ExternalCommand;
import dev.kiln.testing.LayoutFiles;
import dev.kiln.testing.UmociCrun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kiln build on a real Debian minbase (debootstrap, cached): apt-get installs a package from Debian's
 * mirror, and a multi-stage build compiles C with gcc into a FROM scratch image that runs with kiln run
 * and, independently, with umoci unpack + crun.
 */
class BuildDebianIT {

    @TempDir
    static Path tmp;

    static BuildHarness h;

    @BeforeAll
    static void debian() throws Exception {
        Path rootfs = DebianMinbase.rootfs(tmp.resolve("debian-rootfs"));
        // device nodes are the sandbox's business (it mounts its own /dev); kiln import refuses them
        ExternalCommand.check(null, "find", rootfs.resolve("dev").toString(), "-mindepth", "1", "-delete");
        h = new BuildHarness(tmp);
        int code = h.kiln("import", rootfs.toString(), "-t", "debian:test",
                "--change", "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "--change", "CMD [\"bash\"]");
        assertThat(code).as(h.err()).isZero();
    }

    @Test
    void aptGetInstallsARealPackage() throws Exception {
        Path ctx = h.context("apt", Map.of("Dockerfile", """
                FROM debian:test
                RUN apt-get update && apt-get install -y --no-install-recommends hello && rm -rf /var/lib/apt/lists/*
                CMD ["hello"]
                """));
        assertThat(h.kiln("build", "-t", "apt:1", ctx.toString())).as(h.err()).isZero();
        assertThat(h.kiln("run", "apt:1")).as(h.err()).isZero();
        assertThat(h.out()).isEqualTo("Hello, world!\n");

        // independently: umoci's unpack run by crun, and the files apt left in it
        UmociCrun.Bundle bundle = h.umoci("apt:1");
        ExternalCommand.Result result = bundle.run();
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.out()).isEqualTo("Hello, world!\n");
        assertThat(bundle.rootfs().resolve("usr/bin/hello")).isExecutable();
        assertThat(bundle.tree().get("usr/bin/hello")).startsWith("-755 0:0");
        assertThat(bundle.rootfs().resolve("usr/share/doc/hello/copyright")).isRegularFile();
        assertThat(Files.readString(bundle.rootfs().resolve("var/lib/dpkg/status"))).contains("Package: hello\nStatus: install ok installed");
        try (var lists = Files.list(bundle.rootfs().resolve("var/lib/apt/lists"))) {
            assertThat(lists.toList()).as("rm -rf /var/lib/apt/lists/* in the same RUN").isEmpty();
        }
    }

    @Test
    void multiStageGccBuildIntoScratchRunsWithKilnAndWithUmociAndCrun() throws Exception {
        Path ctx = h.context("gcc", Map.of(
                "Dockerfile", """
                        FROM debian:test AS build
                        RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\
                            apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev
                        WORKDIR /src
                        COPY hello.c .
                        RUN gcc -static -O2 -o /hello hello.c

                        FROM scratch
                        COPY --from=build /hello /hello
                        ENTRYPOINT ["/hello"]
                        CMD ["from scratch"]
                        """,
                "hello.c", """
                        #include <stdio.h>
                        int main(int argc, char **argv) { printf("built by gcc, %s\\n", argc > 1 ? argv[1] : "?"); return 0; }
                        """));
        assertThat(h.kiln("build", "-t", "cbin:1", ctx.toString())).as(h.err()).isZero();
        assertThat(h.kiln("run", "cbin:1")).as(h.err()).isZero();
        assertThat(h.out()).isEqualTo("built by gcc, from scratch\n");

        UmociCrun.Bundle bundle = h.umoci("cbin:1");
        assertThat(Files.list(bundle.rootfs()).map(p -> p.getFileName().toString()).toList()).containsExactly("hello");
        ExternalCommand.Result result = bundle.run();
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.out()).contains("built by gcc, from scratch");
    }

    /**
     * bookworm's useradd no longer grows the logs on its own, but the first login of a high uid does:
     * {@code lastlog -S} and {@code faillog -l} (both shadow's) write the user's record at uid times the
     * record size, leaving a file of holes. The uid is high enough for a 292 MB lastlog, and small
     * enough that umoci, which writes holes out as zeros, can still unpack it.
     */
    @Test
    void aHighUidsLastlogStaysSparseThroughBuildAnalyzeAndSquash() throws Exception {
        long uid = 1_000_000;
        long lastlogSize = uid * 292 + 292;
        Path ctx = h.context("lastlog", Map.of("Dockerfile", """
                FROM debian:test
                RUN useradd -u %d -m big && lastlog -S -u big && faillog -l 60 -u big
                RUN echo after > /after
                """.formatted(uid)));
        assertThat(h.kiln("build", "-t", "lastlog:1", ctx.toString())).as(h.err()).isZero();

        Path layout = tmp.resolve("lastlog-oci");
        assertThat(h.kiln("export", "-q", "lastlog:1", "--output", "oci:" + layout + ":1")).as(h.err()).isZero();
        List<Path> layers = LayoutFiles.layers(layout, "1");
        assertThat(layers).hasSize(3);
        assertThat(Files.size(layers.get(1))).as("the useradd layer, compressed").isLessThan(64 * 1024);
        assertThat(uncompressedSize(layers.get(1))).as("holes are not stored as zeros").isLessThan(1 << 20);
        assertThat(ExternalCommand.check(null, "tar", "-tvf", layers.get(1).toString()).out())
                .as("GNU tar reads the sparse entry's real size").contains(" " + lastlogSize + " ");

        assertThat(h.kiln("analyze", "lastlog:1")).as(h.err()).isZero();
        assertThat(h.out()).contains("sparse-log: /var/log/lastlog is 292 MB (a sparse file")
                .contains("sparse-log: /var/log/faillog is 32 MB (a sparse file");

        assertThat(h.kiln("squash", "lastlog:1", "--last", "2", "-t", "lastlog:sq")).as(h.err()).isZero();
        UmociCrun.Bundle squashed = h.umoci("lastlog:sq");
        Path squashedLayout = tmp.resolve("export-lastlog-sq");
        List<Path> squashedLayers = LayoutFiles.layers(squashedLayout, "1");
        assertThat(squashedLayers).hasSize(2);
        assertThat(uncompressedSize(squashedLayers.get(1))).as("the merged layer keeps the holes").isLessThan(1 << 20);
        Path lastlog = squashed.rootfs().resolve("var/log/lastlog");
        assertThat(Files.size(lastlog)).isEqualTo(lastlogSize);
        assertThat(Files.size(squashed.rootfs().resolve("var/log/faillog"))).isEqualTo(uid * 32 + 32);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lastlog)) {
            java.nio.ByteBuffer record = java.nio.ByteBuffer.allocate(292);
            ch.read(record, uid * 292);
            assertThat(record.getInt(0)).as("lastlog -S's login time in the user's record").isNotZero();
            java.nio.ByteBuffer before = java.nio.ByteBuffer.allocate(4096);
            ch.read(before, uid * 292 - 4096);
            assertThat(before.array()).as("a hole before it").containsOnly(0);
        }
        assertThat(Files.readString(squashed.rootfs().resolve("after"))).isEqualTo("after\n");
        assertThat(squashed.rootfs().resolve("home/big")).isDirectory();
    }

    private static long uncompressedSize(Path gzipLayer) throws Exception {
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(gzipLayer))) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
