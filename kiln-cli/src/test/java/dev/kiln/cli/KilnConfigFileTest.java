package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The settings file {@code KILN_CONFIG} names is read or refused, never silently skipped. */
class KilnConfigFileTest {

    @TempDir
    Path dir;
    private KilnRun kiln;
    private Path dockerfile;

    @BeforeEach
    void setUp() throws Exception {
        kiln = new KilnRun(dir.resolve("home"));
        dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, "FROM scratch\n");
    }

    private void assertOneError(KilnRun.Result result, String... parts) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.errorLines()).as(result.err()).isEqualTo(1);
        assertThat(result.err()).contains(parts).doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pull", "lint", "analyze", "tags"})
    void aMissingFileNamedByKilnConfigIsAnErrorNamingIt(String command) {
        Path missing = dir.resolve("nonexist.yaml");
        kiln.env("KILN_CONFIG", missing.toString());
        String arg = command.equals("lint") ? dockerfile.toString() : "127.0.0.1:1/nosuch:1";
        if (command.equals("tags")) {
            arg = "127.0.0.1:1/nosuch";
        }
        assertOneError(kiln.run(command, arg), "KILN_CONFIG=" + missing + ": no such file");
    }

    @Test
    void aDirectoryNamedByKilnConfigIsNoFile() {
        kiln.env("KILN_CONFIG", dir.toString());
        assertOneError(kiln.run("lint", dockerfile.toString()), "KILN_CONFIG=" + dir + ": not a file");
    }

    @Test
    void badYamlInTheRegistrySettingsNamesLineAndColumn() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "registries:\n  jobs: 4\n  insecure: [a, b\n");
        kiln.env("KILN_CONFIG", bad.toString());
        KilnRun.Result result = kiln.run("pull", "127.0.0.1:1/nosuch:1");
        assertOneError(result, bad + ":3:18: not valid YAML");
    }
}
