package dev.kiln.oci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MediaTypeTest {

    @ParameterizedTest
    @EnumSource(MediaType.Encoding.class)
    void layerTypesRoundTripThroughTheirEncodingInBothSchemas(MediaType.Encoding encoding) {
        for (Schema schema : Schema.values()) {
            String type = MediaType.layer(schema, encoding);
            assertThat(MediaType.isLayer(type)).isTrue();
            assertThat(MediaType.layerEncoding(type)).contains(encoding);
            assertThat(MediaType.schemaOf(type)).contains(schema);
            Schema other = schema == Schema.OCI ? Schema.DOCKER : Schema.OCI;
            assertThat(MediaType.convert(MediaType.convert(type, other), schema)).isEqualTo(type);
        }
    }

    @Test
    void foreignLayersStayNonDistributableAcrossSchemas() {
        String oci = MediaType.convert(MediaType.DOCKER_LAYER_FOREIGN_GZIP, Schema.OCI);
        assertThat(oci).isEqualTo(MediaType.OCI_LAYER_NONDISTRIBUTABLE_GZIP);
        assertThat(MediaType.isNonDistributable(oci)).isTrue();
        assertThat(MediaType.convert(oci, Schema.DOCKER)).isEqualTo(MediaType.DOCKER_LAYER_FOREIGN_GZIP);
    }

    @Test
    void artifactTypesAreLeftAlone() {
        assertThat(MediaType.convert("application/vnd.example+json", Schema.DOCKER)).isEqualTo("application/vnd.example+json");
        assertThat(MediaType.isLayer("application/vnd.example+json")).isFalse();
        assertThat(MediaType.isValid("text/plain; charset=utf-8")).isTrue();
        assertThat(MediaType.isValid("nonsense")).isFalse();
    }
}
