package dev.kiln.oci;

import static dev.kiln.oci.Fixtures.bytes;
import static dev.kiln.oci.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @Test
    void ociManifestParsesLayersAndAnnotationsAndReserialisesToTheSameBytes() throws Exception {
        byte[] original = bytes("oci-manifest.json");
        Manifest manifest = Manifest.parse(original);
        assertThat(manifest.schema()).isEqualTo(Schema.OCI);
        assertThat(manifest.isImage()).isTrue();
        assertThat(manifest.layers()).extracting(Descriptor::mediaType)
                .containsExactly(MediaType.OCI_LAYER_GZIP, MediaType.OCI_LAYER_ZSTD);
        assertThat(manifest.layers().get(0).size()).isEqualTo(2152262);
        assertThat(manifest.annotations()).containsEntry(Annotations.BASE_NAME, "docker.io/library/busybox:1.36.1");
        assertThat(manifest.toJson()).isEqualTo(original);
    }

    @Test
    void dockerSchema2ManifestIsRecognisedAsDocker() throws Exception {
        Manifest manifest = Manifest.parse(bytes("docker-manifest.json"));
        assertThat(manifest.schema()).isEqualTo(Schema.DOCKER);
        assertThat(manifest.config().mediaType()).isEqualTo(MediaType.DOCKER_CONFIG);
        assertThat(MediaType.layerEncoding(manifest.layers().get(0).mediaType())).contains(MediaType.Encoding.GZIP);
        assertThat(Manifest.parse(manifest.toJson())).isEqualTo(manifest);
    }

    @Test
    void artifactManifestKeepsArtifactTypeSubjectAndEmbeddedData() throws Exception {
        byte[] original = bytes("oci-artifact-manifest.json");
        Manifest manifest = Manifest.parse(original);
        assertThat(manifest.isImage()).isFalse();
        assertThat(manifest.artifactType()).isEqualTo("application/vnd.example.sbom.v1+json");
        assertThat(manifest.subject().mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
        assertThat(manifest.config().embeddedData()).hasValueSatisfying(d -> assertThat(new String(d)).isEqualTo("{}"));
        assertThat(manifest.toJson()).isEqualTo(original);
    }

    @Test
    void convertingToDockerChangesEveryMediaTypeButNoDigest() throws Exception {
        Manifest oci = Manifest.parse(bytes("oci-manifest.json"));
        Manifest docker = oci.convertTo(Schema.DOCKER);
        assertThat(docker.mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST);
        assertThat(docker.config().mediaType()).isEqualTo(MediaType.DOCKER_CONFIG);
        assertThat(docker.layers()).extracting(Descriptor::mediaType)
                .containsExactly(MediaType.DOCKER_LAYER_GZIP, MediaType.DOCKER_LAYER_ZSTD);
        assertThat(docker.layers()).extracting(Descriptor::digest)
                .isEqualTo(oci.layers().stream().map(Descriptor::digest).toList());
        assertThat(docker.annotations()).isEmpty();
        assertThat(docker.convertTo(Schema.OCI).layers()).extracting(Descriptor::mediaType)
                .containsExactly(MediaType.OCI_LAYER_GZIP, MediaType.OCI_LAYER_ZSTD);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing config        | {"schemaVersion":2,"layers":[]}                                                        | manifest: config: missing
            missing layers        | {"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"DIGEST","size":2}} | manifest: layers: missing
            bad layer digest      | {"schemaVersion":2,"config":{"mediaType":"a/b","digest":"DIGEST","size":2},"layers":[{"mediaType":"a/b","digest":"DIGEST","size":1},{"mediaType":"a/b","digest":"sha256:xyz","size":1}]} | manifest: layers[1].digest: invalid sha256 digest
            negative size         | {"schemaVersion":2,"config":{"mediaType":"a/b","digest":"DIGEST","size":-1},"layers":[]} | manifest: config.size: negative size -1
            size is a string      | {"schemaVersion":2,"config":{"mediaType":"a/b","digest":"DIGEST","size":"2"},"layers":[]} | manifest: config.size: expected an integer, found a string
            wrong schema version  | {"schemaVersion":3,"config":{"mediaType":"a/b","digest":"DIGEST","size":2},"layers":[]} | manifest: schemaVersion: must be 2, found 3
            schema 1              | {"schemaVersion":1,"name":"x","fsLayers":[]}                                           | manifest: Docker schema 1 manifests are not supported
            an index              | {"schemaVersion":2,"manifests":[]}                                                     | manifest: this is an image index, not a manifest
            duplicate key         | {"schemaVersion":2,"schemaVersion":2,"config":{"mediaType":"a/b","digest":"DIGEST","size":2},"layers":[]} | manifest: not valid JSON: Duplicate field 'schemaVersion'
            not an object         | [1,2]                                                                                  | manifest: expected a JSON object, found an array
            trailing garbage      | {"schemaVersion":2,"layers":[]} x                                                      | manifest: not valid JSON
            bad media type        | {"schemaVersion":2,"config":{"mediaType":"nope","digest":"DIGEST","size":2},"layers":[]} | manifest: config.mediaType: invalid media type 'nope'
            """)
    void invalidManifestsAreRejectedNamingTheField(String why, String text, String message) {
        assertThatThrownBy(() -> Manifest.parse(json(text.replace("DIGEST", DIGEST))))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void errorsNameTheDocumentTheCallerGave() {
        assertThatThrownBy(() -> Manifest.parse(json("{}"), "manifest " + DIGEST))
                .hasMessage("manifest " + DIGEST + ": schemaVersion: missing");
    }

    @Test
    void embeddedDataThatDoesNotMatchItsDigestIsRejected() {
        String text = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\","
                + "\"digest\":\"" + DIGEST + "\",\"size\":2,\"data\":\"e30=\"},\"layers\":[]}";
        assertThatThrownBy(() -> Manifest.parse(json(text))).hasMessageContaining("config.data: embedded data does not match");
    }

    @Test
    void newManifestsWriteSchemaVersionMediaTypeConfigAndLayersInSpecOrder() {
        Descriptor config = new Descriptor(MediaType.OCI_CONFIG, Digest.parse(DIGEST), 10);
        Manifest manifest = Manifest.of(Schema.OCI, config, List.of());
        assertThat(new String(manifest.toJson())).isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\"" + MediaType.OCI_CONFIG + "\",\"digest\":\"" + DIGEST
                + "\",\"size\":10},\"layers\":[]}");
    }
}
