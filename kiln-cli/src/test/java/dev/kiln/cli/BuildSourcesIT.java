package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kiln.oci.Digest;
import dev.kiln.testing.ExternalCommand;
import dev.kiln.testing.Tools;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADD of archives and URLs, COPY --exclude/--link, ONBUILD triggers, concurrent builds on one store. */
class BuildSourcesIT {

    @TempDir
    Path tmp;

    BuildHarness h;

    @BeforeEach
    void base() throws Exception {
        Tools.require("busybox");
        h = new BuildHarness(tmp).withBusybox("busybox:test");
    }

    @Test
    void addUnpacksLocalArchivesAndFetchesUrlsCheckedAgainstTheirChecksum() throws Exception {
        Path ctx = h.context("add", Map.of("Dockerfile", "", "payload/dir/inner.txt", "inner\n"));
        ExternalCommand.check(ctx, "tar", "-czf", "bundle.tar.gz", "-C", "payload", "dir");
        byte[] body = "downloaded\n".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/files/tool.txt", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/files/tool.txt";
            Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox:test\n"
                    + "ADD bundle.tar.gz /opt/\n"
                    + "ADD --checksum=" + Digest.sha256(body) + " " + url + " /downloads/\n");
            assertThat(h.kiln("build", "-t", "add:1", ctx.toString())).as(h.err()).isZero();
            assertThat(h.run("add:1", "sh", "-c", "cat /opt/dir/inner.txt /downloads/tool.txt; stat -c %a /downloads/tool.txt"))
                    .isEqualTo("inner\ndownloaded\n600\n");

            Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox:test\nADD --checksum=sha256:"
                    + "0".repeat(64) + " " + url + " /downloads/\n");
            assertThat(h.kiln("build", "-t", "add:2", ctx.toString())).isEqualTo(2);
            assertThat(h.err()).contains("checksum mismatch").contains("Dockerfile:2");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void copyExcludeAndLinkAndOnbuildTriggers() throws Exception {
        Path ctx = h.context("onbuild", Map.of(
                "Dockerfile", """
                        FROM busybox:test
                        COPY --exclude=*.log --exclude=tmp logs/ /logs/
                        COPY --link notes.txt /linked/notes.txt
                        ONBUILD RUN echo triggered > /from-trigger
                        """,
                "logs/keep.txt", "keep\n", "logs/drop.log", "drop\n", "logs/tmp/x", "x\n", "notes.txt", "n\n"));
        assertThat(h.kiln("build", "-t", "parent:1", ctx.toString())).as(h.err()).isZero();
        assertThat(h.run("parent:1", "sh", "-c", "find /logs | sort; cat /linked/notes.txt; ls /from-trigger 2>&1 || true"))
                .isEqualTo("/logs\n/logs/keep.txt\nn\nls: /from-trigger: No such file or directory\n");
        Path child = h.context("child", Map.of("Dockerfile", "FROM parent:1\nRUN cat /from-trigger\n"));
        assertThat(h.kiln("build", "-t", "child:1", child.toString())).as(h.err()).isZero();
        assertThat(h.run("child:1", "cat", "/from-trigger")).isEqualTo("triggered\n");
        assertThat(h.kiln("inspect", "child:1")).isZero();
        assertThat(h.out()).as("triggers run once; the child does not carry them on").doesNotContain("OnBuild");
        assertThat(h.kiln("inspect", "parent:1")).isZero();
        assertThat(h.out()).contains("OnBuild").contains("RUN echo triggered > /from-trigger");
    }

    @Test
    void concurrentBuildsOnOneStoreBothSucceed() throws Exception {
        Path a = h.context("a", Map.of("Dockerfile", "FROM busybox:test\nRUN echo a > /a && sleep 1\n"));
        Path b = h.context("b", Map.of("Dockerfile", "FROM busybox:test\nRUN echo b > /b && sleep 1\n"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            BuildHarness h2 = new BuildHarness(tmp);
            Future<Integer> first = pool.submit(() -> h.kiln("build", "-t", "a:1", a.toString()));
            Future<Integer> second = pool.submit(() -> h2.kiln("build", "-t", "b:1", b.toString()));
            assertThat(first.get()).as(h.err()).isZero();
            assertThat(second.get()).as(h2.err()).isZero();
        } finally {
            pool.shutdownNow();
        }
        assertThat(h.run("a:1", "cat", "/a")).isEqualTo("a\n");
        assertThat(h.run("b:1", "cat", "/b")).isEqualTo("b\n");
    }
}
