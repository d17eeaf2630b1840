package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.oci.Digest;
import dev.kiln.oci.ImageConfig;
import dev.kiln.oci.Manifest;
import dev.kiln.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCommandsTest {

    @TempDir
    Path dir;
    private Path home;
    private KilnRun kiln;
    private Path rootfs;

    @BeforeEach
    void setUp() throws Exception {
        home = dir.resolve("home");
        kiln = new KilnRun(home).env("SOURCE_DATE_EPOCH", "1700000000");
        rootfs = Files.createDirectories(dir.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("bin"));
        Files.createDirectories(rootfs.resolve("etc"));
        byte[] program = new byte[200_000];
        new Random(1).nextBytes(program);
        Files.write(rootfs.resolve("bin/tool"), program);
        Files.setPosixFilePermissions(rootfs.resolve("bin/tool"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("tool"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    }

    private KilnRun.Result ok(String... args) {
        KilnRun.Result result = kiln.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.err()).isZero();
        return result;
    }

    @Test
    void importedImagesAreListedWithNameTagShortDigestSizeAndAge() {
        String digest = ok("import", rootfs.toString(), "-t", "tool:1.0.0-1", "-t", "tool:1.0.0").out().strip();
        assertThat(Digest.isValid(digest)).isTrue();
        String table = ok("images").out();
        assertThat(table.lines().findFirst().orElseThrow()).matches("NAME\\s+TAG\\s+DIGEST\\s+SIZE\\s+CREATED");
        assertThat(table).containsPattern("tool\\s+1\\.0\\.0\\s+" + Digest.parse(digest).shortHex() + "\\s+\\d+(\\.\\d+)?kB\\s+\\d+ (months|years) ago")
                .contains("1.0.0-1");
    }

    @Test
    void importWritesTheChangesHistoryAndSourceDateEpochIntoTheConfig() throws Exception {
        ok("import", rootfs.toString(), "-t", "tool:2", "--compression", "zstd", "--platform", "linux/arm64",
                "-c", "CMD [\"/bin/sh\"]", "-c", "ENV PATH=/bin LANG=C.UTF-8", "-c", "USER 65534", "-c", "WORKDIR /srv",
                "-c", "EXPOSE 8080", "-c", "LABEL org.opencontainers.image.version=2", "-m", "from test");
        ImageConfig config = ImageConfig.parse(ok("inspect", "tool:2", "--raw=config").out().getBytes(StandardCharsets.UTF_8));
        assertThat(config.config().cmd()).containsExactly("/bin/sh");
        assertThat(config.config().env()).containsExactly("PATH=/bin", "LANG=C.UTF-8");
        assertThat(config.config().user()).isEqualTo("65534");
        assertThat(config.config().workingDir()).isEqualTo("/srv");
        assertThat(config.config().exposedPorts()).containsExactly("8080/tcp");
        assertThat(config.config().labels()).containsEntry("org.opencontainers.image.version", "2");
        assertThat(config.architecture()).isEqualTo("arm64");
        assertThat(config.created()).isEqualTo(java.time.Instant.ofEpochSecond(1700000000));
        assertThat(config.history()).singleElement().satisfies(h -> {
            assertThat(h.createdBy()).isEqualTo("kiln import rootfs");
            assertThat(h.comment()).isEqualTo("from test");
        });
        Manifest manifest = Manifest.parse(ok("inspect", "tool:2", "--raw").out().getBytes(StandardCharsets.UTF_8));
        assertThat(manifest.layers()).singleElement()
                .satisfies(l -> assertThat(l.mediaType()).isEqualTo("application/vnd.oci.image.layer.v1.tar+zstd"));
    }

    @Test
    void reimportingTheSameTreeWithSourceDateEpochGivesTheSameDigest() {
        String first = ok("import", rootfs.toString(), "-t", "same:1").out();
        String second = ok("import", rootfs.toString(), "-t", "same:2").out();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void inspectShowsConfigAndEachLayerWithBothSizesAndItsHistoryLine() throws Exception {
        ok("import", rootfs.toString(), "-t", "tool:1", "-c", "CMD [\"sh\"]");
        String text = ok("inspect", "tool:1").out();
        assertThat(text).contains("Name:       tool:1").contains("Platform:   linux/")
                .contains("  Cmd:          [\"sh\"]")
                .containsPattern("  1   [0-9a-f]{12}   \\d+(\\.\\d+)?kB\\s+\\d+(\\.\\d+)?kB\\s+kiln import rootfs");
        JsonNode json = new ObjectMapper().readTree(ok("inspect", "tool:1", "--format", "json").out());
        assertThat(json.get("layers")).hasSize(1);
        JsonNode layer = json.get("layers").get(0);
        assertThat(layer.get("uncompressedSize").asLong()).isGreaterThan(200_000);
        assertThat(layer.get("size").asLong()).isGreaterThan(200_000).isLessThan(layer.get("uncompressedSize").asLong() + 1000);
        assertThat(layer.get("createdBy").asText()).isEqualTo("kiln import rootfs");
        assertThat(json.get("config").get("Cmd").get(0).asText()).isEqualTo("sh");
    }

    @Test
    void rawManifestIsTheStoredBytesExactly() throws Exception {
        String digest = ok("import", rootfs.toString(), "-t", "tool:1").out().strip();
        byte[] raw = ok("inspect", "tool:1", "--raw").out().getBytes(StandardCharsets.UTF_8);
        assertThat(Digest.sha256(raw).toString()).isEqualTo(digest);
    }

    @Test
    void exportToALayoutAndADockerArchiveThenLoadBringsTheSameImageBack() throws Exception {
        String digest = ok("import", rootfs.toString(), "-t", "tool:1.0.0-1").out().strip();
        ok("export", "tool:1.0.0-1", "--output", "oci:" + dir.resolve("layout"));
        assertThat(OciLayout.open(dir.resolve("layout")).find("1.0.0-1"))
                .hasValueSatisfying(d -> assertThat(d.digest().toString()).isEqualTo(digest));
        ok("export", "tool:1.0.0-1", "--output", "docker-archive:" + dir.resolve("tool.tar"), "--format", "docker");
        ok("rmi", "tool:1.0.0-1");
        assertThat(ok("images").out().lines()).hasSize(1);
        assertThat(ok("load", dir.resolve("tool.tar").toString()).out()).isEqualTo("Loaded image: tool:1.0.0-1\n");
        String inspected = ok("inspect", "tool:1.0.0-1", "--format", "json").out();
        assertThat(inspected).contains("\"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\"");
        ok("load", dir.resolve("layout").toString(), "-t", "again:1");
        assertThat(ok("inspect", "again:1", "--raw").out()).isEqualTo(
                new String(Files.readAllBytes(dir.resolve("layout/blobs/sha256/" + Digest.parse(digest).encoded()))));
    }

    @Test
    void rmiByDigestRemovesEveryTagAndFreesTheBlobs() throws Exception {
        String digest = ok("import", rootfs.toString(), "-t", "a:1", "-t", "a:2").out().strip();
        KilnRun.Result removed = ok("rmi", Digest.parse(digest).shortHex());
        assertThat(removed.out()).contains("Untagged: a:1").contains("Untagged: a:2").contains("Deleted: 3 blobs");
        assertThat(Store.open(home).blobs().list()).isEmpty();
    }

    @Test
    void imagesAsJsonHasFullReferencesDigestsSizesAndTimes() throws Exception {
        String digest = ok("import", rootfs.toString(), "-t", "ghcr.io/org/tool:3").out().strip();
        JsonNode json = new ObjectMapper().readTree(ok("images", "--format", "json").out());
        assertThat(json).hasSize(1);
        JsonNode image = json.get(0);
        assertThat(image.get("reference").asText()).isEqualTo("ghcr.io/org/tool:3");
        assertThat(image.get("name").asText()).isEqualTo("ghcr.io/org/tool");
        assertThat(image.get("tag").asText()).isEqualTo("3");
        assertThat(image.get("digest").asText()).isEqualTo(digest);
        assertThat(image.get("size").asLong()).isPositive();
        assertThat(image.get("created").asText()).isEqualTo("2023-11-14T22:13:20Z");
    }

    @Test
    void gcReportsWhatItRemoved() throws Exception {
        ok("import", rootfs.toString(), "-t", "a:1");
        ok("rmi", "--keep-blobs", "a:1");
        Files.write(home.resolve("ingest/interrupted.partial"), new byte[100]);
        assertThat(ok("gc").out()).startsWith("removed 3 blobs (").contains("1 temp files (100B)");
        assertThat(ok("gc", "--format", "json").out()).contains("\"blobs\": 0");
        assertThat(Store.open(home).blobs().list()).isEmpty();
        assertThat(home.resolve("ingest/interrupted.partial")).doesNotExist();
    }
}
