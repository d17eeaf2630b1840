package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.GitRepo;
import dev.kiln.testing.ExternalCommand;
import dev.kiln.testing.Tools;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ADD git://...#ref[:dir]} against a real {@code git daemon} on loopback, offline. */
class BuildGitIT {

    @TempDir
    Path tmp;

    BuildHarness h;
    Process daemon;
    GitRepo repository;
    Path repo;
    String url;

    private String git(String... args) {
        return repository.git(args);
    }

    @BeforeEach
    void servedRepository() throws Exception {
        Tools.require("busybox");
        Tools.require("git");
        h = new BuildHarness(tmp).withBusybox("busybox:test");
        Path served = Files.createDirectories(tmp.resolve("served"));
        repository = GitRepo.init(served.resolve("app.git"));
        repo = repository.dir();
        Files.createDirectories(repo.resolve("docs"));
        Files.writeString(repo.resolve("docs/guide.txt"), "guide v1\n");
        Files.writeString(repo.resolve("run.sh"), "#!/bin/sh\necho app\n");
        Files.setPosixFilePermissions(repo.resolve("run.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        git("add", "-A");
        git("commit", "-q", "-m", "v1");
        git("tag", "-a", "v1", "-m", "release 1");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        daemon = new ProcessBuilder("git", "daemon", "--export-all", "--reuseaddr", "--listen=127.0.0.1", "--port=" + port,
                "--base-path=" + served, served.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("daemon.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                break;
            } catch (java.io.IOException notYet) {
                Thread.sleep(50);
            }
        }
        url = "git://127.0.0.1:" + port + "/app.git";
    }

    @AfterEach
    void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void addGitChecksOutTheRefWithoutGitDirAndRebuildsOnlyWhenTheRefMoves() throws Exception {
        Path ctx = h.context("git", Map.of("Dockerfile", "FROM busybox:test\n"
                + "ADD " + url + "#main /src/\n"
                + "ADD " + url + "#v1:docs /docs\n"
                + "ADD --keep-git-dir=true " + url + " /full\n"
                + "RUN cat /src/docs/guide.txt > /out\n"));
        assertThat(h.kiln("build", "-t", "git:1", ctx.toString())).as(h.err()).isZero();
        assertThat(h.kiln("run", "git:1", "sh", "-c",
                "cat /out /docs/guide.txt; /src/run.sh; ls -A /src; test -d /full/.git && echo kept"))
                .as(h.err()).isZero();
        assertThat(h.out()).isEqualTo("guide v1\nguide v1\napp\ndocs\nrun.sh\nkept\n");

        assertThat(h.kiln("build", "--format", "json", "-t", "git:2", ctx.toString())).as(h.err()).isZero();
        assertThat(h.out()).contains("\"runCommands\":0");

        Files.writeString(repo.resolve("docs/guide.txt"), "guide v2\n");
        git("commit", "-q", "-am", "v2");
        assertThat(h.kiln("build", "-t", "git:3", ctx.toString())).as(h.err()).isZero();
        assertThat(h.kiln("run", "git:3", "sh", "-c", "cat /out /docs/guide.txt")).as(h.err()).isZero();
        assertThat(h.out()).as("main moved, v1 did not").isEqualTo("guide v2\nguide v1\n");
    }

    @Test
    void aMissingRefIsAnErrorAtItsLine() throws Exception {
        Path ctx = h.context("badref", Map.of("Dockerfile", "FROM busybox:test\nADD " + url + "#nope /src/\n"));
        assertThat(h.kiln("build", "-t", "bad:1", ctx.toString())).isEqualTo(2);
        assertThat(h.err()).isEqualTo("kiln: error: Dockerfile:2: ADD " + url + "#nope: the repository has no branch or tag 'nope'\n");
    }
}
