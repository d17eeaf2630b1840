package dev.kiln.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.blob.VerifyingInputStream;
import dev.kiln.event.EventSink;
import dev.kiln.oci.Digest;
import dev.kiln.testing.LocalRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Pushes read their source once, in chunks too, and a source that fails its digest never lands. */
class RegistryPushVerifiesIT {

    private static final RegistryConfig CHUNKED = RegistryConfig.DEFAULT
            .withRetry(new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5)))
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1))
            .withChunkSize(1 << 20);

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A verifying opener like an image source's, counting openings and bytes read. */
    private static BodySource.Opener verified(byte[] bytes, Digest claimed, List<Long> opened, AtomicLong read) {
        return offset -> {
            opened.add(offset);
            InputStream counting = new java.io.FilterInputStream(new ByteArrayInputStream(bytes)) {
                @Override
                public int read(byte[] b, int off, int len) throws java.io.IOException {
                    int n = in.read(b, off, len);
                    read.addAndGet(Math.max(n, 0));
                    return n;
                }
            };
            InputStream in = new VerifyingInputStream(counting, claimed, bytes.length, "layout blob");
            in.skipNBytes(offset);
            return in;
        };
    }

    @Test
    void aChunkedPushReadsItsSourceOnceAndLandsIntact() throws Exception {
        byte[] blob = random(3 * (1 << 20) + 4321, 7); // four PATCH chunks
        Digest digest = Digest.sha256(blob);
        List<Long> opened = new ArrayList<>();
        AtomicLong read = new AtomicLong();
        try (LocalRegistry registry = LocalRegistry.open();
             RegistrySession session = RegistrySession.create(CHUNKED, Map.of(), EventSink.NONE)) {
            RegistryHttp http = session.host(registry.host());

            BlobUpload.Outcome outcome = new BlobUpload(http, "chunks")
                    .push(digest, blob.length, verified(blob, digest, opened, read), Optional.empty(), n -> { });

            assertThat(outcome).isEqualTo(BlobUpload.Outcome.UPLOADED);
            assertThat(registry.requestLog().stream().filter(l -> l.startsWith("PATCH /v2/chunks/blobs/uploads/")))
                    .hasSize(4);
            assertThat(opened).containsExactly(0L);
            assertThat(read.get()).isEqualTo(blob.length);
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            new BlobPull(http, "chunks").copyTo(digest, blob.length, back, n -> { });
            assertThat(back.toByteArray()).isEqualTo(blob);
        }
    }

    @Test
    void aSourceThatFailsItsDigestIsNotPushedNorRetried() throws Exception {
        for (int size : new int[] {200_000, 3 * (1 << 20) + 99}) { // one PUT, and PATCH chunks
            byte[] blob = random(size, size);
            byte[] described = blob.clone();
            described[size / 2] ^= 0x40; // the manifest names other content of the same size
            Digest claimed = Digest.sha256(described);
            List<Long> opened = new ArrayList<>();
            try (LocalRegistry registry = LocalRegistry.open();
                 RegistrySession session = RegistrySession.create(CHUNKED, Map.of(), EventSink.NONE)) {
                RegistryHttp http = session.host(registry.host());

                assertThatThrownBy(() -> new BlobUpload(http, "bad")
                        .push(claimed, size, verified(blob, claimed, opened, new AtomicLong()), Optional.empty(), n -> { }))
                        .isInstanceOfSatisfying(RegistryException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_MISMATCH);
                            assertThat(e.kind()).isEqualTo(dev.kiln.KilnException.Kind.BAD_INPUT);
                            assertThat(e.getMessage()).contains(claimed.toString()).contains("layout blob")
                                    .contains("corrupted");
                        });

                assertThat(opened).as("size %d: opened once, no retry", size).containsExactly(0L);
                assertThat(new BlobCheck(http, "bad").size(claimed, Request.pullScope("bad"))).isEmpty();
            }
        }
    }
}
