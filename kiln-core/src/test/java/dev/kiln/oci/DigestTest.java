package dev.kiln.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestTest {

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void sha256OfEmptyInputIsTheWellKnownValue() {
        assertThat(Digest.sha256(new byte[0])).hasToString("sha256:" + EMPTY_SHA256);
    }

    @Test
    void parseRoundTripsSha256AndSha512() {
        assertThat(Digest.parse("sha256:" + EMPTY_SHA256).encoded()).isEqualTo(EMPTY_SHA256);
        String sha512 = "sha512:" + "ab".repeat(64);
        assertThat(Digest.parse(sha512)).hasToString(sha512);
    }

    @Test
    void parseRejectsUppercaseWrongLengthAndMissingAlgorithm() {
        assertThatThrownBy(() -> Digest.parse("sha256:" + EMPTY_SHA256.toUpperCase()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowercase hex");
        assertThatThrownBy(() -> Digest.parse("sha256:abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Digest.parse(EMPTY_SHA256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("algorithm:hex");
        assertThatThrownBy(() -> Digest.parse("sha256:")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unregisteredAlgorithmsParseButCannotHash() {
        Digest other = Digest.parse("multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8");
        assertThat(other.algorithm()).isEqualTo("multihash+base58");
        assertThatThrownBy(other::newMessageDigest).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortHexIsTwelveCharacters() {
        assertThat(Digest.parse("sha256:" + EMPTY_SHA256).shortHex()).isEqualTo("e3b0c44298fc");
    }
}
