package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.ExternalCommand;
import dev.kiln.testing.Tools;
import dev.kiln.testing.UmociCrun;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kiln build end to end on a busybox-static base made with kiln import. Results run with kiln run and,
 * independently of kiln's extraction and sandbox, through {@code kiln export} + umoci unpack + crun.
 */
class BuildCommandIT {

    @TempDir
    Path tmp;

    BuildHarness h;

    @BeforeEach
    void base() throws Exception {
        Tools.require("busybox");
        h = new BuildHarness(tmp).withBusybox("busybox:test");
    }

    private static int field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void multiStageRunCopyAndMetadataGiveARunnableImageAndARebuildIsAllCached() throws Exception {
        Path ctx = h.context("ctx", Map.of(
                "Dockerfile", """
                        FROM busybox:test AS gen
                        RUN echo generated > /gen.txt
                        FROM busybox:test
                        COPY hello.txt /app/
                        COPY --from=gen /gen.txt /app/gen.txt
                        RUN cat /app/hello.txt /app/gen.txt > /app/both && echo built-it
                        ENV GREETING=hi
                        WORKDIR /app
                        CMD ["cat", "/app/both"]
                        """,
                "hello.txt", "hello\n"));
        assertThat(h.kiln("build", "-t", "app:1", ctx.toString())).as(h.err()).isZero();
        assertThat(h.err()).contains("RUN /bin/sh -c cat /app/hello.txt").contains("built-it").contains("DONE");
        String digest = h.out().strip();
        assertThat(digest).startsWith("sha256:");
        assertThat(h.run("app:1")).isEqualTo("hello\ngenerated\n");
        assertThat(h.run("app:1", "sh", "-c", "echo $GREETING; pwd")).isEqualTo("hi\n/app\n");

        assertThat(h.kiln("build", "-t", "app:1", "--format", "json", ctx.toString())).as(h.err()).isZero();
        assertThat(field(h.out(), "stepsExecuted")).isZero();
        assertThat(field(h.out(), "runCommands")).isZero();
        assertThat(field(h.out(), "layersUnpacked")).as("a cached rebuild reads no layer").isZero();
        assertThat(field(h.out(), "stepsCached")).isEqualTo(5);
        assertThat(h.out()).contains("\"manifest\":\"" + digest + "\"").contains("\"state\":\"cached\"");
    }

    @Test
    void changingOneCopySourceRerunsOnlyTheStepsFromThatCopyOn() throws Exception {
        Path ctx = h.context("cache", Map.of(
                "Dockerfile", """
                        FROM busybox:test
                        RUN echo first > /first
                        COPY a.txt /a.txt
                        RUN echo second > /second
                        COPY b.txt /b.txt
                        RUN cat /a.txt /b.txt > /ab
                        """,
                "a.txt", "A\n", "b.txt", "B\n"));
        assertThat(h.kiln("build", "-t", "c:1", "--format", "json", ctx.toString())).as(h.err()).isZero();
        assertThat(field(h.out(), "runCommands")).isEqualTo(3);
        Files.writeString(ctx.resolve("b.txt"), "B2\n");
        assertThat(h.kiln("build", "-t", "c:1", "--format", "json", ctx.toString())).as(h.err()).isZero();
        assertThat(field(h.out(), "stepsCached")).as("RUN, COPY a, RUN before the change").isEqualTo(3);
        assertThat(field(h.out(), "stepsExecuted")).as("COPY b and the RUN after it").isEqualTo(2);
        assertThat(field(h.out(), "runCommands")).isEqualTo(1);
        assertThat(h.run("c:1", "cat", "/ab")).isEqualTo("A\nB2\n");
    }

    @Test
    void aFailingRunExitsOneNamesTheStepAndItsOutputAndLeavesTheStoreUnchanged() throws Exception {
        Path ctx = h.context("fail", Map.of("Dockerfile", """
                FROM busybox:test
                RUN echo preparing
                RUN echo about to fail >&2 && exit 3
                RUN echo never
                """));
        byte[] indexBefore = Files.readAllBytes(h.home.resolve("index.json"));
        Map<String, Long> blobsBefore = files(h.home.resolve("blobs"));
        assertThat(h.kiln("images", "--format", "json")).isZero();
        String imagesBefore = h.out();
        int code = h.kiln("build", "-t", "broken:1", ctx.toString());
        assertThat(code).isEqualTo(1);
        assertThat(h.err()).contains("kiln: error:").contains("Dockerfile:3").contains("exit 3")
                .contains("exited with code 3").contains("about to fail").doesNotContain("never\n")
                .doesNotContain("at dev.kiln");
        assertThat(Files.readAllBytes(h.home.resolve("index.json"))).isEqualTo(indexBefore);
        assertThat(files(h.home.resolve("blobs"))).as("blob names and sizes").isEqualTo(blobsBefore);
        assertThat(h.kiln("images", "--format", "json")).isZero();
        assertThat(h.out()).as("names, digests, sizes, times").isEqualTo(imagesBefore).doesNotContain("broken");
    }

    /** Every regular file under {@code dir} with its size, by relative path. */
    private static Map<String, Long> files(Path dir) throws Exception {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.size(p));
            }
        }
        return out;
    }

    @Test
    void aSecretIsUsableInRunButAbsentFromEveryLayerTheHistoryAndTheCache() throws Exception {
        String secret = "s3cr3t-" + System.nanoTime();
        Path secretFile = tmp.resolve("token.txt");
        Files.writeString(secretFile, secret);
        Path ctx = h.context("secret", Map.of("Dockerfile", """
                FROM busybox:test
                RUN --mount=type=secret,id=token cat /run/secrets/token | wc -c > /token-length
                RUN --mount=type=secret,id=token,env=TOKEN test "$TOKEN" != "" && echo ok > /env-ok
                """));
        assertThat(h.kiln("build", "-t", "sec:1", "--secret", "id=token,src=" + secretFile, ctx.toString()))
                .as(h.err()).isZero();
        assertThat(h.run("sec:1", "cat", "/token-length", "/env-ok").strip()).isEqualTo(secret.length() + "\nok");
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        int layersScanned = 0;
        try (Stream<Path> files = Files.walk(h.home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] raw = Files.readAllBytes(file);
                assertThat(contains(raw, needle)).as("secret in " + file).isFalse();
                if (raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
                    assertThat(contains(gunzip(raw), needle)).as("secret in layer " + file).isFalse();
                    layersScanned++;
                }
            }
        }
        assertThat(layersScanned).as("gzip layers looked into: the base and both RUN steps").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aSecretMountHasTheRequestedOwnerAndModeSoANonRootUserCanReadIt() throws Exception {
        Path secretFile = tmp.resolve("token.txt");
        Files.writeString(secretFile, "abc123");
        Files.setPosixFilePermissions(secretFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        Path ctx = h.context("secret-owner", Map.of("Dockerfile", """
                FROM busybox:test
                RUN mkdir -m 777 /out
                RUN --mount=type=secret,id=token stat -c '%a %u %g' /run/secrets/token > /out/default
                USER 1000:1000
                RUN --mount=type=secret,id=token,uid=1000,gid=1000,mode=0440,target=/home/me/tok \
                    stat -c '%a %u %g' /home/me/tok > /out/owned && cat /home/me/tok | wc -c > /out/read
                RUN --mount=type=secret,id=token cat /run/secrets/token > /out/denied 2>&1 || echo denied > /out/denied
                """));
        assertThat(h.kiln("build", "-t", "secown:1", "--secret", "id=token,src=" + secretFile, ctx.toString()))
                .as(h.err()).isZero();
        assertThat(h.run("secown:1", "cat", "/out/default", "/out/owned", "/out/read", "/out/denied"))
                .as("BuildKit's default 0400 root:root, then the requested owner and mode, readable by uid 1000")
                .isEqualTo("400 0 0\n440 1000 1000\n6\ndenied\n");
        assertThat(h.run("secown:1", "sh", "-c", "ls -d /run/secrets /run/secrets/token /home/me/tok 2>/dev/null; echo end"))
                .as("no secret or mount point reaches a layer").isEqualTo("end\n");
        assertThat(Files.getPosixFilePermissions(secretFile)).as("the host file is left alone").hasSize(6);
    }

    @Test
    void aMissingRequiredSecretInALaterStageFailsBeforeAnyStepRuns() throws Exception {
        Path ctx = h.context("secret-required", Map.of("Dockerfile", """
                FROM busybox:test AS one
                RUN --mount=type=cache,target=/c,id=marker touch /c/stage-one-marker && echo stage-one-ran
                FROM one
                RUN echo stage-two-ran
                RUN --mount=type=secret,id=tok,required=true cat /run/secrets/tok
                """));
        assertThat(h.kiln("build", "-t", "req:1", ctx.toString())).isEqualTo(2);
        assertThat(h.err()).contains("kiln: error: Dockerfile:5: secret 'tok' is required but no --secret id=tok was given")
                .doesNotContain("stage-one-ran").doesNotContain("stage-two-ran").doesNotContain("at dev.kiln");
        try (Stream<Path> files = Files.walk(h.home)) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("stage-one-marker")).toList())
                    .as("stage one's RUN never ran").isEmpty();
        }
    }

    @Test
    void copyHonoursDockerignoreChownChmodAndHeredocs() throws Exception {
        Path ctx = h.context("copy", Map.of(
                "Dockerfile", """
                        FROM busybox:test
                        RUN echo 'app:x:1500:2000::/home/app:/bin/sh' >> /etc/passwd && echo 'app:x:2000:' >> /etc/group
                        COPY --chown=app:app --chmod=750 src/ /srv/
                        COPY <<EOF /etc/motd
                        welcome $NAME
                        EOF
                        RUN <<EOT
                        set -e
                        echo heredoc-run > /hr
                        EOT
                        RUN <<EOT
                        #!/bin/sh
                        echo "run as a file: $0" > /sb
                        EOT
                        """,
                ".dockerignore", "**/*.secret\nsrc/tmp\n!src/tmp/keep\n",
                "src/app.sh", "echo app\n",
                "src/conf/a.secret", "no\n",
                "src/tmp/junk", "junk\n",
                "src/tmp/keep", "keep\n"));
        assertThat(h.kiln("build", "-t", "cp:1", ctx.toString())).as(h.err()).isZero();
        String listing = h.run("cp:1", "sh", "-c",
                "cd /srv && find . | sort; stat -c '%n %u:%g %a' app.sh; cat /etc/motd /hr /sb; ls /run 2>&1 || true");
        assertThat(listing).contains("./app.sh").contains("./tmp/keep").doesNotContain("a.secret")
                .doesNotContain("junk").contains("app.sh 1500:2000 750").contains("welcome \n").contains("heredoc-run")
                .contains("run as a file: /run/kiln-heredoc-script").contains("ls: /run: No such file or directory");

        // independently: umoci's unpack, file by file, and the same listing run by crun
        UmociCrun.Bundle bundle = h.umoci("cp:1");
        Map<String, String> tree = bundle.tree();
        assertThat(tree.get("srv/app.sh")).startsWith("-750 1500:2000 size=9");
        assertThat(tree.get("srv/tmp/keep")).startsWith("-750 1500:2000 size=5");
        assertThat(tree).doesNotContainKeys("srv/conf/a.secret", "srv/tmp/junk", "run", "run/kiln-heredoc-script");
        assertThat(tree.get("etc/motd")).startsWith("-644 0:0 size=9");
        assertThat(Files.readString(bundle.rootfs().resolve("etc/motd"))).isEqualTo("welcome \n");
        assertThat(Files.readString(bundle.rootfs().resolve("hr"))).isEqualTo("heredoc-run\n");
        assertThat(Files.readString(bundle.rootfs().resolve("sb"))).isEqualTo("run as a file: /run/kiln-heredoc-script\n");
        ExternalCommand.Result crun = bundle.run(List.of("sh", "-c",
                "cd /srv && find . | sort; stat -c '%n %u:%g %a' app.sh; cat /etc/motd /hr /sb"));
        assertThat(crun.exitCode()).as(crun.stderr()).isZero();
        assertThat(listing).startsWith(crun.out());
    }

    @Test
    void argAndEnvFollowBuildKitScoping() throws Exception {
        Path ctx = h.context("args", Map.of("Dockerfile", """
                ARG VERSION=1
                FROM busybox:test
                ARG VERSION
                ARG LOCAL=default
                ENV FROM_ARG=v${VERSION}
                RUN echo "$VERSION $LOCAL $FROM_ARG" > /args
                ENV LOCAL=env-wins
                RUN echo "$LOCAL" > /later
                """));
        h.env.put("VERSION", "2");
        assertThat(h.kiln("build", "-t", "args:1", "--build-arg", "VERSION", ctx.toString())).as(h.err()).isZero();
        assertThat(h.run("args:1", "cat", "/args", "/later")).isEqualTo("2 default v2\nenv-wins\n");
        assertThat(h.run("args:1", "sh", "-c", "echo ${VERSION:-unset} $FROM_ARG"))
                .as("ARG values are not kept in the image; ENV is").isEqualTo("unset v2\n");

        UmociCrun.Bundle bundle = h.umoci("args:1");
        assertThat(bundle.env()).contains("FROM_ARG=v2", "LOCAL=env-wins").noneMatch(e -> e.startsWith("VERSION="));
        assertThat(Files.readString(bundle.rootfs().resolve("args"))).isEqualTo("2 default v2\n");
        assertThat(Files.readString(bundle.rootfs().resolve("later"))).isEqualTo("env-wins\n");
        ExternalCommand.Result crun = bundle.run(List.of("sh", "-c", "echo ${VERSION:-unset} $FROM_ARG $LOCAL"));
        assertThat(crun.exitCode()).as(crun.stderr()).isZero();
        assertThat(crun.out()).isEqualTo("unset v2 env-wins\n");
    }

    @Test
    void nonRootRunsAsTheUidAndAnyUidInGroupZeroCanWriteTheWorkdir() throws Exception {
        Path ctx = h.context("nonroot", Map.of("Dockerfile", """
                FROM busybox:test
                WORKDIR /data
                RUN echo seed > /data/seed
                CMD ["id", "-u"]
                """));
        assertThat(h.kiln("build", "-t", "nr:1", "--non-root=4321", ctx.toString())).as(h.err()).isZero();
        assertThat(h.run("nr:1").strip()).isEqualTo("4321");
        assertThat(h.kiln("run", "--user", "98765:0", "nr:1", "sh", "-c", "echo x > /data/new && echo y >> /data/seed && echo ok"))
                .as(h.err()).isZero();
        assertThat(h.out()).isEqualTo("ok\n");
        assertThat(h.run("nr:1", "sh", "-c", "grep 4321 /etc/passwd | cut -d: -f3,4")).isEqualTo("4321:0\n");

        // independently: umoci derives the process user from the config, crun runs it
        UmociCrun.Bundle bundle = h.umoci("nr:1");
        assertThat(bundle.config().at("/process/user/uid").asLong()).isEqualTo(4321);
        assertThat(bundle.config().at("/process/cwd").asText()).isEqualTo("/data");
        ExternalCommand.Result crun = bundle.run();
        assertThat(crun.exitCode()).as(crun.stderr()).isZero();
        assertThat(crun.out()).isEqualTo("4321\n");
        Map<String, String> tree = bundle.tree();
        assertThat(tree.get("data")).as("group 0 may write the workdir").matches("d7[2367][0-7] \\d+:0");
        assertThat(tree.get("data/seed")).as("group 0 may write the seed file").matches("-6[2367][0-7] \\d+:0 .*");
        crun = bundle.run(List.of("sh", "-c", "echo x > /data/new && echo y >> /data/seed && echo ok"), 98765, 0);
        assertThat(crun.exitCode()).as(crun.stderr()).isZero();
        assertThat(crun.out()).isEqualTo("ok\n");
    }

    @Test
    void squashMergesThisBuildsLayersAboveTheUnchangedBase() throws Exception {
        Path ctx = h.context("squash", Map.of("Dockerfile", """
                FROM busybox:test
                RUN echo one > /one && echo big > /tmp/big
                RUN rm /tmp/big && echo two > /two
                """));
        assertThat(h.kiln("build", "-t", "sq:1", "--squash", "--format", "json", ctx.toString())).as(h.err()).isZero();
        assertThat(field(h.out(), "layers")).isEqualTo(2);
        assertThat(h.run("sq:1", "sh", "-c", "cat /one /two; ls /tmp/big 2>&1 || true")).startsWith("one\ntwo\n")
                .contains("No such file");
        assertThat(h.kiln("build", "-t", "sqa:1", "--squash-all", "--format", "json", ctx.toString())).as(h.err()).isZero();
        assertThat(field(h.out(), "layers")).isEqualTo(1);
    }

    @Test
    void sourceDateEpochGivesTheSameDigestInTwoStores() throws Exception {
        Path ctx = h.context("repro", Map.of(
                "Dockerfile", "FROM busybox:test\nCOPY f.txt /f.txt\nRUN echo data > /data.txt\nLABEL a=b\n",
                "f.txt", "f\n"));
        h.env.put("SOURCE_DATE_EPOCH", "1700000000");
        assertThat(h.kiln("build", "-t", "r:1", ctx.toString())).as(h.err()).isZero();
        String first = h.out().strip();
        // the same base in the second store: copied, not imported again (an import is dated now)
        String layout = "oci:" + tmp.resolve("base-layout") + ":1";
        assertThat(h.kiln("copy", "busybox:test", layout)).as(h.err()).isZero();
        BuildHarness other = new BuildHarness(Files.createDirectories(tmp.resolve("second")));
        assertThat(other.kiln("copy", layout, "busybox:test")).as(other.err()).isZero();
        other.env.put("SOURCE_DATE_EPOCH", "1700000000");
        Thread.sleep(1100);
        assertThat(other.kiln("build", "-t", "r:1", ctx.toString())).as(other.err()).isZero();
        assertThat(other.out().strip()).isEqualTo(first);
    }

    @Test
    void initPutsTiniInFrontOfTheEntrypoint() throws Exception {
        Tools.require("tini-static");
        Path ctx = h.context("init", Map.of("Dockerfile", """
                FROM busybox:test
                ENTRYPOINT ["sh", "-c"]
                CMD ["cat /proc/1/cmdline | tr '\\\\0' ' '"]
                """));
        assertThat(h.kiln("build", "-t", "ini:1", "--init", ctx.toString())).as(h.err()).isZero();
        assertThat(h.run("ini:1")).startsWith("/usr/bin/tini -- sh -c");

        UmociCrun.Bundle bundle = h.umoci("ini:1");
        assertThat(bundle.tree().get("usr/bin/tini")).startsWith("-755 0:0");
        ExternalCommand.Result crun = bundle.run();
        assertThat(crun.exitCode()).as(crun.stderr()).isZero();
        assertThat(crun.out()).startsWith("/usr/bin/tini -- sh -c");
    }

    @Test
    void tagSchemeSemverBuildTagsWithTheCiBuildNumberAndOutputsGoElsewhere() throws Exception {
        Path ctx = h.context("tagged", Map.of("Dockerfile", "FROM busybox:test\nRUN echo x > /x\n"));
        h.env.put("BUILD_NUMBER", "42");
        assertThat(h.kiln("build", "--tag-scheme", "semver-build", "-t", "svc:1.4.2", ctx.toString())).as(h.err()).isZero();
        assertThat(h.kiln("images")).isZero();
        assertThat(h.out()).contains("svc").contains("1.4.2-42");
        assertThat(h.kiln("build", "-t", "svc", ctx.toString())).as("no tag, no scheme").isEqualTo(2);
        assertThat(h.err()).contains("needs a tag");

        Path archive = tmp.resolve("svc.tar");
        assertThat(h.kiln("build", "--output", "docker-archive:" + archive + ":svc:exported", ctx.toString()))
                .as(h.err()).isZero();
        assertThat(archive).isRegularFile();
        assertThat(h.kiln("images")).isZero();
        assertThat(h.out()).as("an output elsewhere names nothing in the store").doesNotContain("exported");
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A layer that does not decompress fails the test: a scan that could not look must not pass. */
    private static byte[] gunzip(byte[] raw) throws Exception {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
