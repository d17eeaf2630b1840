package dev.kiln.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.blob.BlobDigestMismatchException;
import dev.kiln.blob.VerifyingInputStream;
import dev.kiln.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UploadSourceTest {

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** Opens {@code bytes} verified against {@code digest}, noting each offset opened and counting bytes read. */
    private static final class Content implements BodySource.Opener {
        final byte[] bytes;
        final Digest digest;
        final List<Long> opened = new ArrayList<>();
        final AtomicLong read = new AtomicLong();

        Content(byte[] bytes, Digest digest) {
            this.bytes = bytes;
            this.digest = digest;
        }

        @Override
        public InputStream open(long offset) throws IOException {
            opened.add(offset);
            InputStream counting = new java.io.FilterInputStream(new ByteArrayInputStream(bytes)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.read(b, off, len);
                    if (n > 0) {
                        read.addAndGet(n);
                    }
                    return n;
                }
            };
            InputStream in = new VerifyingInputStream(counting, digest, bytes.length, "test content");
            in.skipNBytes(offset);
            return in;
        }
    }

    private static byte[] readChunk(BodySource.Opener opener, long offset, long length) throws IOException {
        try (InputStream in = new BoundedInputStream(opener.open(offset), length)) {
            return in.readAllBytes();
        }
    }

    @Test
    void consecutiveChunksReadTheContentOnceFromOneOpening() throws Exception {
        byte[] blob = random(3 * 1000 + 17);
        Content content = new Content(blob, Digest.sha256(blob));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        try (UploadSource source = new UploadSource(content, blob.length)) {
            for (long offset = 0; offset < blob.length; offset += 1000) {
                sent.write(readChunk(source, offset, Math.min(1000, blob.length - offset)));
            }
        }
        assertThat(sent.toByteArray()).isEqualTo(blob);
        assertThat(content.opened).containsExactly(0L);
        assertThat(content.read.get()).isEqualTo(blob.length); // not 0 + 1000 + 2000 + 3000 more for skipping
    }

    @Test
    void aRestartOrAnotherOffsetOpensAgainAndTheAbandonedRequestCannotReadOn() throws Exception {
        byte[] blob = random(5000);
        Content content = new Content(blob, Digest.sha256(blob));
        try (UploadSource source = new UploadSource(content, blob.length)) {
            InputStream abandoned = source.open(0);
            abandoned.readNBytes(1500);
            assertThat(readChunk(source, 0, 1000)).isEqualTo(java.util.Arrays.copyOfRange(blob, 0, 1000));
            assertThatThrownBy(() -> abandoned.read(new byte[10], 0, 10)).isInstanceOf(IOException.class)
                    .hasMessageContaining("opened again");
            // The registry asks for 3000 on (a retried chunk): opened there, not read on from 1000.
            assertThat(readChunk(source, 3000, 2000)).isEqualTo(java.util.Arrays.copyOfRange(blob, 3000, 5000));
        }
        assertThat(content.opened).containsExactly(0L, 0L, 3000L);
    }

    @Test
    void corruptedContentFailsBeforeItsLastBytesAreHandedOn() throws Exception {
        byte[] blob = random(4000);
        byte[] claimed = blob.clone();
        claimed[10] ^= 1; // the descriptor names other content of the same size
        Content content = new Content(blob, Digest.sha256(claimed));
        try (UploadSource source = new UploadSource(content, blob.length)) {
            InputStream in = source.open(0);
            byte[] buffer = new byte[1000];
            int handedOn = 0;
            for (int i = 0; i < 3; i++) {
                handedOn += in.read(buffer, 0, 1000);
            }
            assertThat(handedOn).isEqualTo(3000);
            assertThatThrownBy(() -> in.read(buffer, 0, 1000)).isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(BlobDigestMismatchException.in(e)).isPresent())
                    .hasMessageContaining(Digest.sha256(claimed).toString());
        }
    }

    @Test
    void contentLongerThanTheBlobFails() throws Exception {
        byte[] blob = random(2000);
        BodySource.Opener longer = offset -> new ByteArrayInputStream(blob, (int) offset, blob.length - (int) offset);
        try (UploadSource source = new UploadSource(longer, 1500)) {
            InputStream in = source.open(0);
            assertThatThrownBy(() -> in.readNBytes(1500)).isInstanceOf(IOException.class)
                    .hasMessageContaining("longer than its 1500 bytes");
        }
    }
}
