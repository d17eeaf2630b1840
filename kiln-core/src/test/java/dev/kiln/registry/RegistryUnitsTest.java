package dev.kiln.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryUnitsTest {

    @Test
    void linkHeaderNextPageIsFound() {
        assertThat(TagList.next(List.of("</v2/app/tags/list?n=2&last=b>; rel=\"next\""))).hasValue("/v2/app/tags/list?n=2&last=b");
        assertThat(TagList.next(List.of("<https://r/x>; rel=\"prev\""))).isEmpty();
    }

    @Test
    void contentRangeStartIsParsed() {
        assertThat(ResumingBlobStream.rangeStart("bytes 700000-2499999/2500000")).isEqualTo(700000);
        assertThat(ResumingBlobStream.rangeStart("bytes */2500000")).isEqualTo(-1);
    }

    @Test
    void plainHttpOnlyForLoopbackOrNamedInsecureHosts() {
        RegistryConfig config = RegistryConfig.DEFAULT.withInsecureHosts(java.util.Set.of("reg.lan:5000"));
        assertThat(config.allowsPlainHttp("127.0.0.1:5000")).isTrue();
        assertThat(config.allowsPlainHttp("localhost:5000")).isTrue();
        assertThat(config.allowsPlainHttp("[::1]:5000")).isTrue();
        assertThat(config.allowsPlainHttp("reg.lan:5000")).isTrue();
        assertThat(config.allowsPlainHttp("reg.lan")).isFalse();
        assertThat(config.allowsPlainHttp("127.0.0.1.evil.example")).isFalse();
        assertThat(config.allowsPlainHttp("docker.io")).isFalse();
    }

    @Test
    void errorMessagesNameRegistryRepositoryAndCode() {
        RegistryException unauthorized = new RegistryException("127.0.0.1:5000", "app", ErrorCode.UNAUTHORIZED, "push blob", "");
        assertThat(unauthorized.getMessage()).isEqualTo("127.0.0.1:5000/app: unauthorized (check kiln login)");
        RegistryException unknown = new RegistryException("r.example", "app", ErrorCode.MANIFEST_UNKNOWN, "pull manifest 1.0", null);
        assertThat(unknown.getMessage()).isEqualTo("r.example/app: manifest unknown (pull manifest 1.0)");
        assertThat(unknown.kind()).isEqualTo(dev.kiln.KilnException.Kind.FAILURE);
        assertThat(ErrorCode.fromSpec("blob_unknown")).isEqualTo(ErrorCode.BLOB_UNKNOWN);
        assertThat(ErrorCode.fromSpec("SOMETHING_NEW")).isEqualTo(ErrorCode.UNEXPECTED);
        assertThat(ErrorCode.fromStatus(404, ErrorCode.BLOB_UNKNOWN)).isEqualTo(ErrorCode.BLOB_UNKNOWN);
        assertThat(ErrorCode.fromStatus(503, ErrorCode.BLOB_UNKNOWN)).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void pkcs1KeysAreWrappedAsPkcs8() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        java.security.PrivateKey key = generator.generateKeyPair().getPrivate();
        byte[] pkcs8 = key.getEncoded();
        // PKCS#8 = SEQ { version, algId, OCTET STRING { pkcs1 } }: take the PKCS#1 part back out.
        byte[] pkcs1 = pkcs1Of(pkcs8);
        byte[] rewrapped = TlsSetup.pkcs1ToPkcs8(pkcs1);
        java.security.PrivateKey back = java.security.KeyFactory.getInstance("RSA")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(rewrapped));
        assertThat(back).isEqualTo(key);
    }

    private static byte[] pkcs1Of(byte[] pkcs8) {
        int i = 0;
        i = skipHeader(pkcs8, i); // outer SEQUENCE
        i = skipWhole(pkcs8, i); // version
        i = skipWhole(pkcs8, i); // algorithm
        int start = skipHeader(pkcs8, i); // OCTET STRING content
        return java.util.Arrays.copyOfRange(pkcs8, start, pkcs8.length);
    }

    private static int skipHeader(byte[] der, int i) {
        int length = der[i + 1] & 0xff;
        return i + 2 + ((length & 0x80) != 0 ? (length & 0x7f) : 0);
    }

    private static int skipWhole(byte[] der, int i) {
        int length = der[i + 1] & 0xff;
        int header = 2;
        if ((length & 0x80) != 0) {
            int bytes = length & 0x7f;
            length = 0;
            for (int k = 0; k < bytes; k++) {
                length = (length << 8) | (der[i + 2 + k] & 0xff);
            }
            header += bytes;
        }
        return i + header + length;
    }
}
