package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.oci.Digest;
import dev.kiln.oci.Manifest;
import dev.kiln.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A layer blob damaged in the store, where the gzip CRC notices before the digest check can: every
 * command that reads the layer names the blob by digest as corrupted (issue 2), exit 2.
 */
class CorruptBlobTest {

    @TempDir
    Path dir;
    private KilnRun kiln;
    private Digest layer;

    @BeforeEach
    void importAndDamage() throws Exception {
        kiln = new KilnRun(dir.resolve("home"));
        Path rootfs = Files.createDirectories(dir.resolve("rootfs/data"));
        byte[] noise = new byte[400_000];
        new Random(1).nextBytes(noise);
        Files.write(rootfs.resolve("noise"), noise);
        Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(dir.resolve("ctx/Dockerfile"), "FROM cor:1\nRUN true\n");
        String digest = kiln.run("import", dir.resolve("rootfs").toString(), "-t", "cor:1").out().strip();
        Store store = Store.open(dir.resolve("home"));
        Manifest manifest = Manifest.parse(Files.readAllBytes(store.blobs().path(Digest.parse(digest))));
        layer = manifest.layers().get(0).digest();
        Path blob = store.blobs().path(layer);
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(blob, bytes);
    }

    @ParameterizedTest(name = "kiln {0}")
    @ValueSource(strings = {"squash cor:1 --all -t sq:1", "export cor:1 --output docker-archive:%s/x.tar",
        "build %s/ctx -t b:1", "run cor:1 /bin/true"})
    void everyReaderOfTheDamagedLayerNamesItsDigest(String command) {
        KilnRun.Result result = kiln.run(command.replace("%s", dir.toString()).split(" "));
        // kiln run follows Docker: 125 when kiln cannot start the container
        assertThat(result.exitCode()).as(result.err()).isEqualTo(command.startsWith("run ") ? 125 : 2);
        assertThat(result.errorLines()).isEqualTo(1);
        assertThat(result.err()).contains("kiln: error: blob " + layer).contains("is corrupted")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("x.tar")).doesNotExist();
    }
}
