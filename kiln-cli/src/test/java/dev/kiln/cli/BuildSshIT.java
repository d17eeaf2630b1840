package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.ExternalCommand;
import dev.kiln.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code RUN --mount=type=ssh} against a real {@code ssh-agent} holding a fresh key: the host's
 * {@code ssh-add} (with its libraries) is copied into a busybox image and lists the key from inside.
 */
class BuildSshIT {

    @TempDir
    Path tmp;

    BuildHarness h;
    Process agent;
    Path socket;
    String fingerprint;

    @BeforeEach
    void agentWithAKey() throws Exception {
        Tools.require("busybox");
        Tools.require("ssh-agent");
        Tools.require("ssh-add");
        Tools.require("ssh-keygen");
        h = new BuildHarness(tmp).withBusybox("busybox:test");
        socket = tmp.resolve("agent.sock");
        agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("agent.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(50);
        }
        assertThat(socket).exists();
        Path key = tmp.resolve("id_ed25519");
        ExternalCommand.check(tmp, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kiln-test-key", "-f", key.toString());
        ProcessBuilder adding = new ProcessBuilder("ssh-add", key.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("ssh-add.log").toFile());
        adding.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process add = adding.start();
        assertThat(add.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(add.exitValue()).as(Files.readString(tmp.resolve("ssh-add.log"))).isZero();
        fingerprint = ExternalCommand.check(tmp, "ssh-keygen", "-l", "-f", key + ".pub").out().split(" ")[1];
    }

    @AfterEach
    void stopAgent() throws Exception {
        if (agent != null) {
            agent.destroy();
            agent.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A context holding the host's ssh-add and every library it loads, at their host paths. */
    private Path contextWithSshAdd(String dockerfile) throws Exception {
        Path ctx = h.context("ssh", Map.of("Dockerfile", dockerfile));
        Path root = ctx.resolve("hostbin");
        String ldd = ExternalCommand.check(tmp, "ldd", "/usr/bin/ssh-add").out();
        List<String> files = new java.util.ArrayList<>(List.of("/usr/bin/ssh-add"));
        for (String line : ldd.split("\n")) {
            for (String word : line.trim().split("\\s+")) {
                if (word.startsWith("/")) {
                    files.add(word);
                }
            }
        }
        for (String file : files) {
            Path target = root.resolve(file.substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(Path.of(file), target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return ctx;
    }

    @Test
    void theAgentIsForwardedAtBuildKitsDefaultTargetWithSshAuthSockAndLeavesNothingInTheLayer() throws Exception {
        Path ctx = contextWithSshAdd("""
                FROM busybox:test
                COPY hostbin/ /
                RUN --mount=type=ssh ssh-add -l > /keys; echo "$SSH_AUTH_SOCK" > /sock; stat -c '%u %a' "$SSH_AUTH_SOCK" > /perm
                RUN --mount=type=ssh,id=work,target=/tmp/agent,uid=1000,mode=0660 stat -c '%u %a' /tmp/agent > /perm2 \\
                    && SSH_AUTH_SOCK=/tmp/agent ssh-add -l > /keys2
                """);
        assertThat(h.kiln("build", "--ssh", "default=" + socket, "--ssh", "work=" + socket, "-t", "ssh:1", ctx.toString()))
                .as(h.err()).isZero();
        assertThat(h.kiln("run", "ssh:1", "sh", "-c", "cat /keys /sock /perm /perm2 /keys2; echo --; ls -A /run/buildkit /tmp 2>&1; true"))
                .as(h.err()).isZero();
        String[] lines = h.out().split("\n");
        assertThat(lines[0]).contains(fingerprint).contains("kiln-test-key");
        assertThat(lines[1]).isEqualTo("/run/buildkit/ssh_agent.0");
        assertThat(lines[2]).isEqualTo("0 600");
        assertThat(lines[3]).isEqualTo("1000 660");
        assertThat(lines[4]).contains(fingerprint);
        String listing = h.out().substring(h.out().indexOf("--\n"));
        assertThat(listing).as("no socket or stub left in the image").doesNotContain("ssh_agent").doesNotContain("agent");
    }

    @Test
    void aRequiredSshMountWithoutSshIsBadInputAtItsLineAndAnOptionalOneIsSkipped() throws Exception {
        Path ctx = h.context("nossh", Map.of("Dockerfile", """
                FROM busybox:test
                RUN --mount=type=ssh echo "${SSH_AUTH_SOCK:-none}" > /sock
                RUN --mount=type=ssh,required=true true
                """));
        assertThat(h.kiln("build", "-t", "nossh:1", ctx.toString())).isEqualTo(2);
        assertThat(h.err()).contains("kiln: error: Dockerfile:3: ssh 'default' is required but no --ssh default was given");

        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox:test\nRUN --mount=type=ssh echo \"${SSH_AUTH_SOCK:-none}\" > /sock\n");
        assertThat(h.kiln("build", "-t", "nossh:2", ctx.toString())).as(h.err()).isZero();
        assertThat(h.kiln("run", "nossh:2", "cat", "/sock")).isZero();
        assertThat(h.out()).isEqualTo("none\n");

        Path key = tmp.resolve("id_ed25519");
        assertThat(h.kiln("build", "--ssh", "default=" + key, "-t", "nossh:3", ctx.toString())).isEqualTo(2);
        assertThat(h.err()).contains("is not a socket").contains("ssh-add");
    }
}
