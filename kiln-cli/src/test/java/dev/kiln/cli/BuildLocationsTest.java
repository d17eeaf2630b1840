package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An error a build step meets in the image or the store, which knows nothing of the Dockerfile,
 * still says where: {@code Dockerfile:LINE KEYWORD: ...}, one line, with the error's own exit code.
 */
class BuildLocationsTest {

    @TempDir
    Path dir;
    private KilnRun kiln;

    @BeforeEach
    void setUp() throws Exception {
        kiln = new KilnRun(dir.resolve("home"));
        Files.createDirectories(dir.resolve("rootfs/etc"));
        Files.writeString(dir.resolve("rootfs/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        assertThat(kiln.run("import", dir.resolve("rootfs").toString(), "-t", "base:1").exitCode()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "FROM base:1\\nUSER nobody\\nRUN true         | Dockerfile:3 RUN: user 'nobody' is not in the image's /etc/passwd",
        "FROM base:1\\nCOPY --from=nostage /a /b      | Dockerfile:2 COPY: no image nostage in the store",
        "FROM base:1 AS a\\nFROM a\\nFROM oci:/no/such/layout\\nRUN true | Dockerfile:3 FROM oci:/no/such/layout: no such file or directory: /no/such/layout",
    })
    void storeAndImageErrorsOfAStepNameItsDockerfileLine(String dockerfile, String message) throws Exception {
        Path ctx = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile.replace("\\n", "\n") + "\n");
        KilnRun.Result result = kiln.run("build", ctx.toString(), "-t", "out:1");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.errorLines()).isEqualTo(1);
        assertThat(result.err()).contains("kiln: error: " + message).doesNotContain("\tat ");
    }
}
