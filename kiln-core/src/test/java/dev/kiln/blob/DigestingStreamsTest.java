package dev.kiln.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestingStreamsTest {

    private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void outputStreamHashesAndCountsWhatPassesThrough() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (DigestingOutputStream out = new DigestingOutputStream(sink)) {
            out.write(HELLO, 0, 3);
            out.write(HELLO[3]);
            out.write(HELLO, 4, 2);
            assertThat(out.size()).isEqualTo(6);
            assertThat(out.digest()).isEqualTo(Digest.sha256(HELLO));
        }
        assertThat(sink.toByteArray()).isEqualTo(HELLO);
    }

    @Test
    void inputStreamSkipStillHashesTheSkippedBytes() throws IOException {
        try (DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(HELLO))) {
            assertThat(in.read()).isEqualTo('h');
            assertThat(in.skip(2)).isEqualTo(2);
            in.drain();
            assertThat(in.size()).isEqualTo(HELLO.length);
            assertThat(in.digest()).isEqualTo(Digest.sha256(HELLO));
        }
    }

    @Test
    void inputStreamDigestDiffersWhenContentDiffers() throws IOException {
        byte[] flipped = HELLO.clone();
        flipped[0] ^= 1;
        try (DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(flipped))) {
            in.drain();
            assertThat(in.digest()).isNotEqualTo(Digest.sha256(HELLO));
        }
    }

    @Test
    void verifyingStreamCatchesACorruptionInBytesItWasAskedToSkip() throws IOException {
        byte[] flipped = HELLO.clone();
        flipped[2] ^= 1;
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(flipped), Digest.sha256(HELLO),
                HELLO.length, "test");
        assertThat(in.read()).isEqualTo('h');
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> in.skip(100))
                .as("skipping to the end still hashes and verifies").isInstanceOf(IOException.class)
                .hasMessageContaining("is corrupted");
        assertThat(in.passed()).isFalse();
    }

    @Test
    void verifyingStreamFailsAtOnceWhenContentOutgrowsItsSizeAndPassesWhenItMatches() throws IOException {
        VerifyingInputStream grown = new VerifyingInputStream(new ByteArrayInputStream(HELLO), Digest.sha256(HELLO),
                HELLO.length - 2, "grown.bin");
        assertThat(grown.read()).isEqualTo('h');
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> grown.read(new byte[16], 0, 16))
                .isInstanceOf(IOException.class).hasMessageContaining("larger than its expected 4 bytes")
                .hasMessageContaining("grown.bin").hasCauseInstanceOf(BlobDigestMismatchException.class);
        VerifyingInputStream good = new VerifyingInputStream(new ByteArrayInputStream(HELLO), Digest.sha256(HELLO),
                HELLO.length, "good.bin");
        good.drainAndVerify();
        assertThat(good.passed()).isTrue();
        assertThat(good.size()).isEqualTo(HELLO.length);
        assertThat(good.markSupported()).as("hashing cannot rewind").isFalse();
    }
}
