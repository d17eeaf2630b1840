package dev.kiln.oci;

import static dev.kiln.oci.Fixtures.bytes;
import static dev.kiln.oci.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageConfigTest {

    @Test
    void everyModelledFieldParsesAndTheConfigReserialisesToTheSameBytes() throws Exception {
        byte[] original = bytes("oci-config.json");
        ImageConfig config = ImageConfig.parse(original);
        ContainerConfig run = config.config();
        assertThat(config.platform().toString()).isEqualTo("linux/arm64/v8");
        assertThat(config.created()).isEqualTo(Instant.parse("2024-02-01T10:00:00Z"));
        assertThat(run.user()).isEqualTo("65534:65534");
        assertThat(run.exposedPorts()).containsExactly("53/udp", "8080/tcp");
        assertThat(run.env("LANG")).contains("C.UTF-8");
        assertThat(run.entrypoint()).containsExactly("/sbin/tini", "--");
        assertThat(run.cmd()).containsExactly("app", "--serve");
        assertThat(run.volumes()).containsExactly("/data");
        assertThat(run.labels()).containsEntry("org.opencontainers.image.version", "1.2.3-1");
        assertThat(run.healthcheck().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(run.healthcheck().retries()).isEqualTo(3);
        assertThat(run.argsEscaped()).isTrue();
        assertThat(run.shell()).containsExactly("/bin/sh", "-c");
        assertThat(run.onBuild()).containsExactly("RUN echo hi");
        assertThat(config.history().get(1).created()).isEqualTo(Instant.parse("2024-02-01T09:30:00.500Z"));
        assertThat(config.toJson()).isEqualTo(original);
    }

    @Test
    void dockerConfigKeepsFieldsKilnDoesNotModel() throws Exception {
        ImageConfig config = ImageConfig.parse(bytes("docker-config.json"));
        assertThat(config.unknown()).containsKeys("container", "container_config", "docker_version");
        assertThat(config.config().unknown()).containsKeys("Hostname", "AttachStdin", "Image");
        assertThat(config.config().entrypoint()).isNull();
        assertThat(config.config().cmd()).containsExactly("sh");
        String rewritten = new String(config.withConfig(config.config().withEnv("A", "1")).toJson());
        assertThat(rewritten).contains("\"docker_version\":\"20.10.23\"")
                .contains("\"container_config\":{\"Hostname\":\"3f4d90098f5b\"")
                .contains("\"AttachStdin\":false")
                .contains("\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"A=1\"]");
        ImageConfig reparsed = ImageConfig.parse(config.toJson());
        assertThat(reparsed).isEqualTo(config);
    }

    @Test
    void layerHistorySkipsEmptyLayerEntries() throws Exception {
        ImageConfig config = ImageConfig.parse(bytes("oci-config.json"));
        List<Optional<History>> perLayer = config.layerHistory();
        assertThat(perLayer).hasSize(2);
        assertThat(perLayer.get(0).orElseThrow().createdBy()).isEqualTo("kiln import rootfs.tar");
        assertThat(perLayer.get(1).orElseThrow().createdBy()).isEqualTo("COPY app /usr/bin/app");
        assertThat(config.withHistory(List.of()).layerHistory()).containsExactly(Optional.empty(), Optional.empty());
    }

    @Test
    void createdTimesAreWrittenLikeGoRfc3339Nano() {
        assertThat(ImageConfigCodec.format(Instant.parse("2024-02-01T10:00:00Z"))).isEqualTo("2024-02-01T10:00:00Z");
        assertThat(ImageConfigCodec.format(Instant.parse("2024-02-01T10:00:00.120Z"))).isEqualTo("2024-02-01T10:00:00.12Z");
        assertThat(ImageConfigCodec.format(Instant.parse("2024-02-01T10:00:00.000000001Z")))
                .isEqualTo("2024-02-01T10:00:00.000000001Z");
        assertThat(ImageConfigCodec.format(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01T00:00:00Z");
    }

    @Test
    void envEditsReplaceInPlaceAndLastDefinitionWins() {
        ContainerConfig run = ContainerConfig.builder().env(List.of("A=1", "B=2", "A=3")).build();
        assertThat(run.env("A")).contains("3");
        assertThat(run.withEnv("A", "9").env()).containsExactly("A=9", "B=2");
        assertThat(run.withEnv("C", "x").env()).containsExactly("A=1", "B=2", "A=3", "C=x");
        assertThat(run.env("Z")).isEmpty();
    }

    @Test
    void configsWithoutRootfsOrWithBadDiffIdsAreRejected() {
        assertThatThrownBy(() -> ImageConfig.parse(json("{\"architecture\":\"amd64\",\"os\":\"linux\"}")))
                .isInstanceOf(ImageFormatException.class).hasMessage("image config: rootfs: missing");
        assertThatThrownBy(() -> ImageConfig.parse(json(
                "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:xyz\"]}}")))
                .hasMessageStartingWith("image config: rootfs.diff_ids[0]: invalid sha256 digest");
        assertThatThrownBy(() -> ImageConfig.parse(json(
                "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"yesterday\",\"rootfs\":{\"type\":\"layers\"}}")))
                .hasMessage("image config: created: not an RFC 3339 time: 'yesterday'");
        assertThatThrownBy(() -> ImageConfig.parse(json("{\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"}}")))
                .hasMessage("image config: architecture: missing");
    }
}
