package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.oci.Digest;
import dev.kiln.oci.ImageConfig;
import dev.kiln.testing.BusyboxRootfs;
import dev.kiln.testing.ExternalCommand;
import dev.kiln.testing.FileTreeSnapshot;
import dev.kiln.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kiln against the real peers, both ways: skopeo and umoci read what kiln writes, and kiln reads what
 * skopeo and buildah write, with layer lists, diff_ids and configs matching {@code skopeo inspect}.
 */
class ImageInteropIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private KilnRun kiln;
    private Path rootfs;

    @BeforeEach
    void setUp() throws Exception {
        kiln = new KilnRun(dir.resolve("home"));
        rootfs = BusyboxRootfs.create(dir.resolve("rootfs"));
        // Owners, modes and a hardlink beyond what busybox has, so the tree comparison has teeth.
        Path data = Files.createDirectories(rootfs.resolve("srv/data"));
        byte[] random = new byte[300_000];
        new Random(7).nextBytes(random);
        Files.write(data.resolve("blob.bin"), random);
        Files.setPosixFilePermissions(data.resolve("blob.bin"), PosixFilePermissions.fromString("rw-------"));
        Files.createLink(data.resolve("blob.hardlink"), data.resolve("blob.bin"));
        Files.writeString(rootfs.resolve("srv/owned-by-1000"), "hello\n");
        if (Tools.isRoot()) {
            ExternalCommand.check(null, "chown", "1000:1000", rootfs.resolve("srv/owned-by-1000").toString());
            ExternalCommand.check(null, "chmod", "4755", rootfs.resolve("bin/busybox").toString());
        }
    }

    private KilnRun.Result ok(String... args) {
        KilnRun.Result result = kiln.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.err()).isZero();
        return result;
    }

    private static JsonNode tool(String... command) throws Exception {
        Tools.require(command[0]);
        return JSON.readTree(ExternalCommand.check(null, command).stdout());
    }

    private List<String> kilnDiffIds(String ref) throws Exception {
        ImageConfig config = ImageConfig.parse(ok("inspect", ref, "--raw=config").out().getBytes(StandardCharsets.UTF_8));
        return config.diffIds().stream().map(Digest::toString).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gzip", "zstd"})
    void skopeoAcceptsKilnsOciLayoutsArchivesAndDockerArchives(String compression) throws Exception {
        String digest = ok("import", rootfs.toString(), "-t", "busybox:1.36.1-1", "--compression", compression,
                "-c", "CMD [\"sh\"]").out().strip();
        ok("export", "busybox:1.36.1-1", "--output", "oci:" + dir.resolve("oci"));
        ok("export", "busybox:1.36.1-1", "--output", "oci-archive:" + dir.resolve("oci.tar"));
        ok("export", "busybox:1.36.1-1", "--output", "docker-archive:" + dir.resolve("docker.tar"));
        ok("export", "busybox:1.36.1-1", "--output", "docker-archive:" + dir.resolve("classic.tar"), "--archive-layout", "classic");
        ok("export", "busybox:1.36.1-1", "--output", "oci:" + dir.resolve("docker-types") + ":v1", "--format", "docker");
        List<String> diffIds = kilnDiffIds("busybox:1.36.1-1");

        JsonNode layout = tool("skopeo", "inspect", "oci:" + dir.resolve("oci") + ":1.36.1-1");
        assertThat(layout.get("Digest").asText()).isEqualTo(digest);
        assertThat(layout.get("Layers")).hasSize(1);
        for (String location : List.of("oci:" + dir.resolve("oci") + ":1.36.1-1", "oci-archive:" + dir.resolve("oci.tar"),
                "docker-archive:" + dir.resolve("docker.tar"), "docker-archive:" + dir.resolve("classic.tar"))) {
            JsonNode config = tool("skopeo", "inspect", "--config", location);
            assertThat(texts(config.get("rootfs").get("diff_ids"))).as(location).isEqualTo(diffIds);
            assertThat(texts(config.get("config").get("Cmd"))).as(location).containsExactly("sh");
        }
        // skopeo only looks for OCI media types in a layout, so kiln reads the Docker-typed one back itself.
        JsonNode dockerTypes = JSON.readTree(ok("inspect", "oci:" + dir.resolve("docker-types") + ":v1", "--raw").out());
        assertThat(dockerTypes.get("mediaType").asText()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        assertThat(kilnDiffIds("oci:" + dir.resolve("docker-types") + ":v1")).isEqualTo(diffIds);
        JsonNode archive = tool("skopeo", "inspect", "docker-archive:" + dir.resolve("docker.tar"));
        assertThat(archive.get("Layers")).hasSize(1);
        assertThat(archive.get("Layers").get(0).asText()).isEqualTo(diffIds.get(0));
    }

    @Test
    void umociUnpacksKilnsLayoutToExactlyTheInputTree() throws Exception {
        Tools.require("umoci");
        ok("import", rootfs.toString(), "-t", "busybox:1.36.1-1");
        ok("export", "busybox:1.36.1-1", "--output", "oci:" + dir.resolve("oci"));
        ExternalCommand.check(null, "umoci", "unpack", "--image", dir.resolve("oci") + ":1.36.1-1",
                dir.resolve("bundle").toString());
        assertThat(FileTreeSnapshot.of(dir.resolve("bundle/rootfs"))).isEqualTo(FileTreeSnapshot.of(rootfs));
    }

    @Test
    void aRootfsTarImportsToTheSameTreeAsItsDirectory() throws Exception {
        Tools.require("umoci");
        Path tar = dir.resolve("rootfs.tar.gz");
        ExternalCommand.check(null, "tar", "-C", rootfs.toString(), "-czf", tar.toString(), ".");
        ok("import", tar.toString(), "-t", "fromtar:1");
        ok("export", "fromtar:1", "--output", "oci:" + dir.resolve("oci") + ":1");
        ExternalCommand.check(null, "umoci", "unpack", "--image", dir.resolve("oci") + ":1", dir.resolve("bundle").toString());
        assertThat(FileTreeSnapshot.of(dir.resolve("bundle/rootfs"))).isEqualTo(FileTreeSnapshot.of(rootfs));
    }

    @Test
    void kilnLoadsWhatSkopeoWroteAndMatchesItsInspection() throws Exception {
        Tools.require("skopeo");
        ok("import", rootfs.toString(), "-t", "busybox:1.36.1-1", "-c", "ENV A=1", "-c", "WORKDIR /srv");
        ok("export", "busybox:1.36.1-1", "--output", "oci:" + dir.resolve("oci"));
        String source = "oci:" + dir.resolve("oci") + ":1.36.1-1";
        ExternalCommand.check(null, "skopeo", "copy", "-q", source, "docker-archive:" + dir.resolve("sk.tar") + ":sk/busybox:2");
        ExternalCommand.check(null, "skopeo", "copy", "-q", source, "oci:" + dir.resolve("sk-oci") + ":3");
        KilnRun other = new KilnRun(dir.resolve("home2"));
        assertThat(other.run("load", dir.resolve("sk.tar").toString()).out()).isEqualTo("Loaded image: sk/busybox:2\n");
        assertThat(other.run("load", dir.resolve("sk-oci").toString(), "-t", "sk/busybox:3").exitCode()).isZero();
        for (String[] pair : new String[][] {{"sk/busybox:2", "docker-archive:" + dir.resolve("sk.tar")},
                {"sk/busybox:3", "oci:" + dir.resolve("sk-oci") + ":3"}}) {
            JsonNode expected = tool("skopeo", "inspect", "--config", pair[1]);
            JsonNode inspected = JSON.readTree(other.run("inspect", pair[0], "--format", "json").out());
            assertThat(inspected.get("layers")).hasSize(expected.get("rootfs").get("diff_ids").size());
            List<String> diffIds = new ArrayList<>();
            inspected.get("layers").forEach(l -> diffIds.add(l.get("diffId").asText()));
            assertThat(diffIds).isEqualTo(texts(expected.get("rootfs").get("diff_ids")));
            assertThat(inspected.get("config")).isEqualTo(expected.get("config"));
            ImageConfig kilnConfig = ImageConfig.parse(other.run("inspect", pair[0], "--raw=config").out()
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(kilnConfig).isEqualTo(ImageConfig.parse(JSON.writeValueAsBytes(expected)));
        }
    }

    @Test
    void kilnLoadsWhatBuildahWroteAndMatchesSkopeosInspection() throws Exception {
        Tools.require("buildah");
        Tools.require("skopeo");
        String[] buildah = {"buildah", "--root", dir.resolve("buildah/root").toString(), "--runroot",
                dir.resolve("buildah/run").toString(), "--storage-driver", "vfs"};
        String container = ExternalCommand.check(null, concat(buildah, "from", "scratch")).out().strip();
        ExternalCommand.check(null, concat(buildah, "add", container, rootfs + "/", "/"));
        ExternalCommand.check(null, concat(buildah, "config", "--cmd", "[\"sh\"]", "--env", "LANG=C.UTF-8",
                "--workingdir", "/srv", "--user", "65534", "--label", "org.example=1", "--port", "8080", container));
        ExternalCommand.check(null, concat(buildah, "commit", "-q", container, "bb/busybox:1"));
        ExternalCommand.check(null, concat(buildah, "push", "-q", "bb/busybox:1", "oci:" + dir.resolve("bb-oci") + ":1"));
        ExternalCommand.check(null, concat(buildah, "push", "-q", "bb/busybox:1",
                "docker-archive:" + dir.resolve("bb.tar") + ":bb/busybox:1"));

        assertThat(kiln.run("load", dir.resolve("bb.tar").toString()).out()).contains("Loaded image: bb/busybox:1");
        assertThat(kiln.run("load", dir.resolve("bb-oci").toString(), "-t", "bb/from-oci:1").exitCode()).isZero();
        for (String[] pair : new String[][] {{"bb/busybox:1", "docker-archive:" + dir.resolve("bb.tar")},
                {"bb/from-oci:1", "oci:" + dir.resolve("bb-oci") + ":1"}}) {
            JsonNode expected = tool("skopeo", "inspect", "--config", pair[1]);
            JsonNode inspected = JSON.readTree(ok("inspect", pair[0], "--format", "json").out());
            List<String> diffIds = new ArrayList<>();
            inspected.get("layers").forEach(l -> diffIds.add(l.get("diffId").asText()));
            assertThat(diffIds).as(pair[1]).isEqualTo(texts(expected.get("rootfs").get("diff_ids")));
            assertThat(inspected.get("config")).as(pair[1]).isEqualTo(expected.get("config"));
            assertThat(inspected.get("config").get("User").asText()).isEqualTo("65534");
        }
        // The layout's manifest is kept byte for byte: same digest as skopeo sees.
        JsonNode layout = tool("skopeo", "inspect", "oci:" + dir.resolve("bb-oci") + ":1");
        assertThat(JSON.readTree(ok("inspect", "bb/from-oci:1", "--format", "json").out()).get("digest").asText())
                .isEqualTo(layout.get("Digest").asText());
        // And what kiln made of them unpacks to the tree buildah was given.
        Tools.require("umoci");
        ok("export", "bb/busybox:1", "--output", "oci:" + dir.resolve("back") + ":1");
        ExternalCommand.check(null, "umoci", "unpack", "--image", dir.resolve("back") + ":1", dir.resolve("bundle").toString());
        assertThat(FileTreeSnapshot.of(dir.resolve("bundle/rootfs")).keySet()).containsAll(FileTreeSnapshot.of(rootfs).keySet());
    }

    @Test
    void theRealLauncherPrintsOneErrorLineAndExitsTwo() throws Exception {
        Path launcher = Path.of("..", "kiln").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "inspect", "nosuch:1.0")
                .redirectErrorStream(false);
        pb.environment().put("KILN_HOME", dir.resolve("home").toString());
        pb.environment().put("KILN_SKIP_BUILD", "1");
        Process process = pb.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isEqualTo(2);
        assertThat(err.lines().toList()).containsExactly(
                "kiln: error: no image nosuch:1.0 in the store at " + dir.resolve("home")
                        + ": there is no kiln store there (check --store and KILN_HOME)");
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
