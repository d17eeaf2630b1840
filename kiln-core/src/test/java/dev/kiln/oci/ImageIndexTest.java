package dev.kiln.oci;

import static dev.kiln.oci.Fixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageIndexTest {

    @Test
    void ociIndexRoundTripsByteForByteIncludingTheArm64V8Variant() throws Exception {
        byte[] original = bytes("oci-index.json");
        ImageIndex index = ImageIndex.parse(original);
        assertThat(index.manifests()).hasSize(4);
        assertThat(index.toJson()).isEqualTo(original);
    }

    @Test
    void selectSkipsAttestationsAndOtherOperatingSystems() throws Exception {
        ImageIndex index = ImageIndex.parse(bytes("oci-index.json"));
        assertThat(index.select(Platform.parse("linux/amd64")).orElseThrow().digest())
                .isEqualTo(index.manifests().get(0).digest());
        assertThat(index.select(Platform.parse("linux/aarch64")).orElseThrow().digest())
                .isEqualTo(index.manifests().get(2).digest());
        assertThat(index.select(Platform.parse("windows/amd64")).orElseThrow().platform().osVersion())
                .isEqualTo("10.0.17763.5329");
        assertThat(index.select(Platform.parse("linux/s390x"))).isEmpty();
        assertThat(index.platforms()).extracting(Platform::toString)
                .containsExactly("linux/amd64", "unknown/unknown", "linux/arm64/v8", "windows/amd64");
    }

    @Test
    void dockerManifestListPicksTheExactArmVariantAndFallsBackToOlderOnes() throws Exception {
        ImageIndex list = ImageIndex.parse(bytes("docker-manifest-list.json"));
        assertThat(list.schema()).isEqualTo(Schema.DOCKER);
        assertThat(list.select(Platform.parse("linux/arm/v6")).orElseThrow().platform().variant()).isEqualTo("v6");
        assertThat(list.select(Platform.parse("linux/arm/v7")).orElseThrow().platform().variant()).isEqualTo("v7");
        assertThat(list.select(Platform.parse("linux/armhf")).orElseThrow().platform().variant()).isEqualTo("v7");
        assertThat(list.select(Platform.parse("linux/x86_64")).orElseThrow().platform().architecture()).isEqualTo("amd64");
        assertThat(list.select(Platform.parse("linux/i686")).orElseThrow().platform().architecture()).isEqualTo("386");
        ImageIndex withoutV7 = list.withManifests(list.manifests().stream()
                .filter(d -> !"v7".equals(d.platform().variant())).toList());
        assertThat(withoutV7.select(Platform.parse("linux/arm/v7")).orElseThrow().platform().variant()).isEqualTo("v6");
    }

    @Test
    void aManifestIsNotAnIndex() {
        assertThatThrownBy(() -> ImageIndex.parse(bytes("oci-manifest.json"), "index.json"))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage("index.json: this is an image manifest, not an index");
    }

    @Test
    void manifestEntriesNeedDigestAndSize() {
        byte[] text = Fixtures.json("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + MediaType.OCI_MANIFEST
                + "\",\"digest\":\"sha256:" + "b".repeat(64) + "\"}]}");
        assertThatThrownBy(() -> ImageIndex.parse(text)).hasMessage("index: manifests[0].size: missing");
    }
}
