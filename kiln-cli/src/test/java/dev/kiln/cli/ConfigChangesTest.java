package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.oci.ContainerConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigChangesTest {

    private static ContainerConfig apply(String... changes) throws Exception {
        return ConfigChanges.parse(List.of(changes)).apply(ContainerConfig.EMPTY);
    }

    @Test
    void shellFormRunsThroughTheConfiguredShellAndExecFormAsWritten() throws Exception {
        assertThat(apply("CMD echo hi").cmd()).containsExactly("/bin/sh", "-c", "echo hi");
        assertThat(apply("SHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]", "CMD echo hi").cmd())
                .containsExactly("/bin/ash", "-eo", "pipefail", "-c", "echo hi");
        assertThat(apply("ENTRYPOINT [\"/sbin/tini\", \"--\"]").entrypoint()).containsExactly("/sbin/tini", "--");
    }

    @Test
    void aNewEntrypointClearsTheCmdLikeDocker() throws Exception {
        ContainerConfig config = apply("CMD [\"sh\"]", "ENTRYPOINT [\"/app\"]");
        assertThat(config.cmd()).isNull();
        assertThat(apply("ENTRYPOINT [\"/app\"]", "CMD [\"--help\"]").cmd()).containsExactly("--help");
    }

    @Test
    void envLabelExposeVolumeUserWorkdirStopsignalAccumulate() throws Exception {
        ContainerConfig config = apply("ENV A=1 B=\"two words\"", "ENV A=3", "LABEL x=1 y=2", "EXPOSE 80 53/udp",
                "VOLUME /data /cache", "USER 65534:65534", "WORKDIR /srv", "WORKDIR app", "STOPSIGNAL SIGQUIT");
        assertThat(config.env()).containsExactly("A=3", "B=two words");
        assertThat(config.labels()).containsEntry("x", "1").containsEntry("y", "2");
        assertThat(config.exposedPorts()).containsExactly("53/udp", "80/tcp");
        assertThat(config.volumes()).containsExactly("/cache", "/data");
        assertThat(config.user()).isEqualTo("65534:65534");
        assertThat(config.workingDir()).isEqualTo("/srv/app");
        assertThat(config.stopSignal()).isEqualTo("SIGQUIT");
    }

    @Test
    void healthcheckAndOnbuildAreRecorded() throws Exception {
        ContainerConfig config = apply("HEALTHCHECK --interval=30s --retries=3 CMD wget -q localhost || exit 1",
                "ONBUILD RUN echo hi");
        assertThat(config.healthcheck().test()).containsExactly("CMD-SHELL", "wget -q localhost || exit 1");
        assertThat(config.healthcheck().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.healthcheck().retries()).isEqualTo(3);
        assertThat(config.onBuild()).containsExactly("RUN echo hi");
        assertThat(apply("HEALTHCHECK NONE").healthcheck().test()).containsExactly("NONE");
    }

    @Test
    void instructionsThatChangeFilesAreRefusedNamingTheChange() {
        assertThatThrownBy(() -> ConfigChanges.parse(List.of("COPY a b")))
                .hasMessageContaining("--change 'COPY a b': COPY cannot be applied to a config");
        assertThatThrownBy(() -> ConfigChanges.parse(List.of(" "))).hasMessageContaining("empty instruction");
        assertThatThrownBy(() -> ConfigChanges.parse(List.of("CMD a\nRUN b"))).hasMessageContaining("expected one instruction");
    }
}
