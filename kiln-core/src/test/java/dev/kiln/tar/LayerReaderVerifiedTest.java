package dev.kiln.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.blob.BlobDigestMismatchException;
import dev.kiln.blob.VerifyingInputStream;
import dev.kiln.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A layer read through the source's verifying stream is checked once, by that stream, and still checked. */
class LayerReaderVerifiedTest {

    private static byte[] layer(Compression compression, LayerDigests[] digests) throws IOException {
        return LayerRoundTripTest.write(LayerRoundTripTest.everyKind(), compression, digests);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void verifiedLayerReportsTheVerifiersDigestAndTheTarsDiffId(Compression compression) throws Exception {
        LayerDigests[] written = new LayerDigests[1];
        byte[] bytes = layer(compression, written);
        VerifyingInputStream verified = new VerifyingInputStream(new ByteArrayInputStream(bytes),
                Digest.sha256(bytes), bytes.length, "test");

        LayerDigests read;
        try (LayerReader reader = LayerReader.open(verified)) {
            read = reader.readToEnd();
        }

        assertThat(verified.passed()).isTrue();
        assertThat(read.digest()).isEqualTo(Digest.sha256(bytes)).isEqualTo(written[0].digest());
        assertThat(read.size()).isEqualTo(bytes.length);
        assertThat(read.diffId()).isEqualTo(written[0].diffId());
        assertThat(read.uncompressedSize()).isEqualTo(written[0].uncompressedSize());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void blobNotMatchingItsDigestFailsInsteadOfReportingOne(Compression compression) throws Exception {
        byte[] bytes = layer(compression, new LayerDigests[1]);
        // A well-formed layer whose descriptor names other content: only the digest check can catch it.
        Digest claimed = Digest.sha256("another blob".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        VerifyingInputStream verified = new VerifyingInputStream(new ByteArrayInputStream(bytes), claimed,
                bytes.length, "test");

        assertThatThrownBy(() -> {
            try (LayerReader reader = LayerReader.open(verified)) {
                reader.readToEnd();
            }
        }).hasRootCauseInstanceOf(BlobDigestMismatchException.class).rootCause().hasMessageContaining(claimed.toString());
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "GZIP")
    void bytesAfterTheCompressedStreamStillReachTheVerifier(Compression compression) throws Exception {
        byte[] bytes = layer(compression, new LayerDigests[1]);
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 4096); // zeros after the end, as some tools leave
        VerifyingInputStream verified = new VerifyingInputStream(new ByteArrayInputStream(padded),
                Digest.sha256(padded), padded.length, "test");

        LayerDigests read;
        try (LayerReader reader = LayerReader.open(verified)) {
            read = reader.readToEnd();
        }

        assertThat(read.digest()).isEqualTo(Digest.sha256(padded));
        assertThat(read.size()).isEqualTo(padded.length);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void verifierUnderAWrapperIsUsedWhenNamed(Compression compression) throws Exception {
        LayerDigests[] written = new LayerDigests[1];
        byte[] bytes = layer(compression, written);
        VerifyingInputStream verified = new VerifyingInputStream(new ByteArrayInputStream(bytes),
                Digest.sha256(bytes), bytes.length, "test");
        InputStream wrapped = new FilterInputStream(verified) { };

        LayerDigests read;
        try (LayerReader reader = LayerReader.open(wrapped, verified)) {
            read = reader.readToEnd();
        }

        assertThat(verified.passed()).isTrue();
        assertThat(read).isEqualTo(written[0]);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void verifierThatNeverSawItsEndIsNotTrusted(Compression compression) throws Exception {
        byte[] bytes = layer(compression, new LayerDigests[1]);
        VerifyingInputStream verified = new VerifyingInputStream(new ByteArrayInputStream(bytes),
                Digest.sha256(bytes), bytes.length, "test");
        // A wrapper that hides the verifier's end: the reader must not vouch for the digest.
        InputStream hidesEnd = new FilterInputStream(verified) {
            private long left = bytes.length;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };

        assertThatThrownBy(() -> {
            try (LayerReader reader = LayerReader.open(hidesEnd, verified)) {
                reader.readToEnd();
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("not verified");
    }
}
