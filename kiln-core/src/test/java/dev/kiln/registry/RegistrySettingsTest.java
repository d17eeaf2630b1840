package dev.kiln.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrySettingsTest {

    @TempDir
    Path tmp;

    private RegistryConfig load(String yaml) throws Exception {
        Path file = tmp.resolve(".kiln.yaml");
        Files.writeString(file, yaml);
        return RegistrySettings.apply(RegistryConfig.DEFAULT, file);
    }

    @Test
    void registriesSectionSetsMirrorsInsecureHostsJobsRetriesAndTimeouts() throws Exception {
        RegistryConfig config = load("ignored: {x: 1}\nregistries:\n  mirrors:\n    docker.io: [m1.example, \"127.0.0.1:5001\"]\n"
                + "    ghcr.io: m2.example\n  insecure: [reg.lan:5000]\n  certDir: /etc/certs\n  jobs: 8\n  retries: 3\n"
                + "  timeouts: {connect: 5s, response: 2m, idle: 1500ms}\n");
        assertThat(config.mirrorsFor("docker.io")).containsExactly("m1.example", "127.0.0.1:5001");
        assertThat(config.mirrorsFor("ghcr.io")).containsExactly("m2.example");
        assertThat(config.mirrorsFor("quay.io")).isEmpty();
        assertThat(config.allowsPlainHttp("reg.lan:5000")).isTrue();
        assertThat(config.certDir()).isEqualTo(Optional.of(Path.of("/etc/certs")));
        assertThat(config.parallelism()).isEqualTo(8);
        assertThat(config.retry().attempts()).isEqualTo(3);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.responseTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aMissingFileOrSectionChangesNothing() throws Exception {
        assertThat(RegistrySettings.apply(RegistryConfig.DEFAULT, tmp.resolve("none.yaml"))).isEqualTo(RegistryConfig.DEFAULT);
        assertThat(load("lint:\n  ignored: [DL3008]\n")).isEqualTo(RegistryConfig.DEFAULT);
    }

    @Test
    void badValuesAreBadInputNamingFileAndKey() {
        assertThatThrownBy(() -> load("registries:\n  jobs: 0\n"))
                .isInstanceOf(RegistrySettings.SettingsException.class).hasMessageEndingWith(".kiln.yaml: registries.jobs: expected 1 to 64");
        assertThatThrownBy(() -> load("registries:\n  timeouts: {idle: soon}\n"))
                .hasMessageContaining("registries.timeouts.idle: expected a duration");
        assertThatThrownBy(() -> load("registries:\n  mirrors:\n    docker.io: {a: b}\n"))
                .hasMessageContaining("registries.mirrors.docker.io: expected a list of host names");
        assertThatThrownBy(() -> load("registries: [unclosed\n")).hasMessageContaining("not valid YAML");
    }
}
