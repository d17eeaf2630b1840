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
}
