package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.store.Store;
import dev.kiln.testing.UnsafeTars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way to get it wrong ends in one {@code kiln: error:} line, exit 2, no stack trace, nothing stored. */
class BadInputTest {

    @TempDir
    Path dir;
    private Path home;
    private KilnRun kiln;

    @BeforeEach
    void setUp() throws Exception {
        home = dir.resolve("home");
        kiln = new KilnRun(home);
        Files.createDirectories(dir.resolve("rootfs/etc"));
        Files.writeString(dir.resolve("rootfs/etc/hostname"), "kiln\n");
    }

    private void assertBadInput(KilnRun.Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.errorLines()).as(result.err()).isEqualTo(1);
        assertThat(result.err()).contains(message).doesNotContain("\tat ").doesNotContain("Exception");
    }

    static Stream<Arguments> usageMistakes() {
        return Stream.of(
                Arguments.of(new String[] {"images", "--bogus"}, "Unknown option: '--bogus'"),
                Arguments.of(new String[] {"inspect"}, "Missing required parameter: 'REF'"),
                Arguments.of(new String[] {"import", "rootfs"}, "Missing required option: '--tag=NAME:TAG'"),
                Arguments.of(new String[] {"inspect", "nosuch:1.0"}, "no image nosuch:1.0 in the store"),
                Arguments.of(new String[] {"inspect", "Bad/Name"}, "invalid image reference 'Bad/Name'"),
                Arguments.of(new String[] {"export", "nosuch:1", "--output", "oci:out"}, "no image nosuch:1 in the store"),
                Arguments.of(new String[] {"export", "x:1", "--output", "tape:/dev/st0"}, "invalid image reference"),
                Arguments.of(new String[] {"rmi", "nosuch:2"}, "no image nosuch:2 in the store"),
                Arguments.of(new String[] {"load", "/no/such/archive.tar"}, "no such file or directory: /no/such/archive.tar"),
                Arguments.of(new String[] {"import", "/no/such/dir", "-t", "x:1"}, "no such file or directory: /no/such/dir"),
                Arguments.of(new String[] {"inspect", "oci:/no/such/layout"}, "no such file or directory: /no/such/layout"),
                Arguments.of(new String[] {"import", "--compression", "lz4", "rootfs", "-t", "x:1"}, "unknown compression 'lz4'"),
                Arguments.of(new String[] {"import", "--platform", "linux/", "rootfs", "-t", "x:1"}, "invalid platform"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("usageMistakes")
    void usageMistakesAreOneErrorLineWithExitTwo(String[] args, String message) {
        assertBadInput(kiln.run(args), message);
    }

    @Test
    void aNameWithoutTagIsRefusedBecauseKilnNeverAddsLatest() throws Exception {
        assertBadInput(kiln.run("import", dir.resolve("rootfs").toString(), "-t", "busybox"),
                "invalid image reference 'busybox': needs a tag, e.g. busybox:1.0.0-1 (kiln never adds :latest)");
        kiln.run("import", dir.resolve("rootfs").toString(), "-t", "busybox:1.36.1-1");
        assertBadInput(kiln.run("inspect", "busybox"),
                "busybox needs a tag: the store has busybox:1.36.1-1 (kiln never assumes :latest)");
    }

    @Test
    void aChangeThatIsNoConfigInstructionIsRefusedBeforeAnythingIsWritten() throws Exception {
        assertBadInput(kiln.run("import", dir.resolve("rootfs").toString(), "-t", "x:1", "-c", "RUN rm -rf /"),
                "--change 'RUN rm -rf /': RUN cannot be applied to a config");
        assertThat(Store.open(home).blobs().list()).isEmpty();
    }

    @Test
    void aCorruptedBlobIsNamedByDigestWithExitTwo() throws Exception {
        String digest = kiln.run("import", dir.resolve("rootfs").toString(), "-t", "x:1").out().strip();
        Store store = Store.open(home);
        var manifest = dev.kiln.oci.Manifest.parse(Files.readAllBytes(store.blobs().path(dev.kiln.oci.Digest.parse(digest))));
        Path layer = store.blobs().path(manifest.layers().get(0).digest());
        byte[] bytes = Files.readAllBytes(layer);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(layer, bytes);
        KilnRun.Result result = kiln.run("export", "x:1", "--output", "oci:" + dir.resolve("out"));
        assertBadInput(result, "blob " + manifest.layers().get(0).digest());
        assertThat(result.err()).contains("is corrupted");
        assertThat(dir.resolve("out/index.json")).doesNotExist();

        Path config = store.blobs().path(manifest.config().digest());
        byte[] configBytes = Files.readAllBytes(config);
        configBytes[3] ^= 0x01;
        Files.write(config, configBytes);
        assertBadInput(kiln.run("inspect", "x:1"), "blob " + manifest.config().digest());
    }

    static Stream<Arguments> unsafeTars() {
        return Stream.of(Arguments.of("traversal"), Arguments.of("symlink"), Arguments.of("hardlink"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafeTars")
    void unsafeRootfsTarsAreRefusedNamingTheEntryAndNothingIsStored(String kind) throws Exception {
        Path tar = dir.resolve(kind + ".tar");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        UnsafeTars.Case unsafe = switch (kind) {
            case "traversal" -> UnsafeTars.pathTraversal(tar);
            case "symlink" -> UnsafeTars.symlinkEscape(tar, outside);
            default -> UnsafeTars.hardlinkEscape(tar);
        };
        KilnRun.Result result = kiln.run("import", tar.toString(), "-t", "evil:1");
        assertBadInput(result, tar + ": unsafe archive entry '" + unsafe.blamedEntry() + "'");
        assertThat(result.err()).contains("nothing was imported");
        Store store = Store.open(home);
        assertThat(store.images()).isEmpty();
        assertThat(store.blobs().list()).isEmpty();
        assertThat(Files.list(store.ingestDir())).isEmpty();
        assertThat(Files.list(outside)).isEmpty();
        assertThat(dir.resolve("escaped")).doesNotExist();
        assertThat(dir.getParent().resolve("escaped")).doesNotExist();
    }

    @Test
    void debugShowsTheStackTrace() {
        KilnRun.Result result = kiln.run("--debug", "inspect", "nosuch:1");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("kiln: error: no image nosuch:1").contains("\tat ");
    }
}
