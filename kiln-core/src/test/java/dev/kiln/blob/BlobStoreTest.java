package dev.kiln.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {

    @TempDir
    Path dir;
    private BlobStore store;

    @BeforeEach
    void setUp() {
        store = new BlobStore(dir, dir.resolve("ingest"));
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void putStoresUnderTheSha256OfTheContentAndOpenReadsItBack() throws Exception {
        byte[] content = random(300_000, 1);
        BlobInfo info = store.put(new ByteArrayInputStream(content), null);
        assertThat(info.digest()).isEqualTo(Digest.sha256(content));
        assertThat(info.size()).isEqualTo(content.length);
        assertThat(store.path(info.digest())).isEqualTo(dir.resolve("blobs/sha256/" + info.digest().encoded()));
        try (InputStream in = store.open(info.digest())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store.list()).containsExactly(info.digest());
        assertThat(Files.list(dir.resolve("ingest"))).isEmpty();
    }

    @Test
    void aFlippedByteIsDetectedOnReadNamingTheDigest() throws Exception {
        byte[] content = random(100_000, 2);
        BlobInfo info = store.put(content);
        Path file = store.path(info.digest());
        byte[] corrupted = Files.readAllBytes(file);
        corrupted[54_321] ^= 0x01;
        Files.write(file, corrupted);
        assertThatThrownBy(() -> {
            try (InputStream in = store.open(info.describe(MediaType.OCI_LAYER))) {
                in.readAllBytes();
            }
        }).isInstanceOf(IOException.class)
                .hasMessageContaining(info.digest().toString())
                .hasMessageContaining("corrupted")
                .satisfies(e -> assertThat(BlobDigestMismatchException.in(e))
                        .hasValueSatisfying(m -> assertThat(m.expected()).isEqualTo(info.digest())));
    }

    @Test
    void truncatedAndGrownBlobsFailTheSizeCheck() throws Exception {
        BlobInfo info = store.put("hello world".getBytes(StandardCharsets.UTF_8));
        Descriptor descriptor = info.describe(MediaType.OCI_CONFIG);
        Files.writeString(store.path(info.digest()), "hello");
        assertThatThrownBy(() -> readAll(store.open(descriptor))).hasMessageContaining("truncated: 5 of 11 bytes");
        Files.writeString(store.path(info.digest()), "hello world and more");
        assertThatThrownBy(() -> readAll(store.open(descriptor))).hasMessageContaining("larger than its expected 11 bytes");
    }

    private static void readAll(InputStream in) throws IOException {
        try (in) {
            in.readAllBytes();
        }
    }

    @Test
    void aWrongExpectedDigestStoresNothingAndLeavesNoTempFile() throws Exception {
        byte[] content = random(10_000, 3);
        Digest other = Digest.sha256("something else");
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(content), other))
                .isInstanceOf(BlobDigestMismatchException.class)
                .hasMessageContaining(other.toString());
        assertThat(store.has(Digest.sha256(content))).isFalse();
        assertThat(store.has(other)).isFalse();
        assertThat(store.list()).isEmpty();
        assertThat(Files.list(dir.resolve("ingest"))).isEmpty();
    }

    @Test
    void contentVerifiedOnTheWayInIsStillRefusedWhenCorrupt() throws Exception {
        byte[] content = random(50_000, 7);
        Digest digest = Digest.sha256(content);
        byte[] corrupt = content.clone();
        corrupt[10_000] ^= 0x40;
        InputStream claimed = new VerifyingInputStream(new ByteArrayInputStream(corrupt), digest, content.length, "source");
        assertThatThrownBy(() -> store.put(claimed, digest, content.length))
                .satisfies(e -> assertThat(BlobDigestMismatchException.in(e)).isPresent());
        assertThat(store.has(digest)).isFalse();
        assertThat(Files.list(dir.resolve("ingest"))).isEmpty();
        InputStream good = new VerifyingInputStream(new ByteArrayInputStream(content), digest, content.length, "source");
        assertThat(store.put(good, digest, content.length).digest()).isEqualTo(digest);
        try (InputStream in = store.open(digest)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void aWriterClosedWithoutCommitDiscardsItsContent() throws Exception {
        try (BlobWriter writer = store.writer()) {
            writer.stream().write(random(5000, 4));
            assertThat(Files.list(dir.resolve("ingest"))).hasSize(1);
        }
        assertThat(Files.list(dir.resolve("ingest"))).isEmpty();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void closingTheWritersStreamDoesNotCommitOrBreakTheWriter() throws Exception {
        try (BlobWriter writer = store.writer()) {
            try (OutputStream out = writer.stream()) {
                out.write(1);
            }
            BlobInfo info = writer.commit(Digest.sha256(new byte[] {1}), 1);
            assertThat(store.has(info.digest())).isTrue();
        }
    }

    @Test
    void concurrentWritersOfTheSameContentEndWithOneBlobAndNoDebris() throws Exception {
        byte[] content = random(2_000_000, 5);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<BlobInfo>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> store.put(new ByteArrayInputStream(content), Digest.sha256(content))));
            }
            for (Future<BlobInfo> result : results) {
                assertThat(result.get().digest()).isEqualTo(Digest.sha256(content));
            }
        } finally {
            pool.shutdown();
        }
        assertThat(store.list()).hasSize(1);
        assertThat(Files.list(dir.resolve("ingest"))).isEmpty();
        try (InputStream in = store.open(Digest.sha256(content))) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void listIgnoresFilesNotNamedLikeDigests() throws Exception {
        BlobInfo info = store.put(new byte[] {42});
        Files.writeString(dir.resolve("blobs/sha256/notes.txt"), "x");
        Files.createDirectories(dir.resolve("blobs/md5"));
        Files.writeString(dir.resolve("blobs/md5/abc"), "x");
        assertThat(store.list()).containsExactly(info.digest());
    }

    @Test
    void cleanIngestRemovesOnlyOldTempFiles() throws Exception {
        Files.createDirectories(dir.resolve("ingest"));
        Path old = Files.write(dir.resolve("ingest/a.partial"), new byte[100]);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
        Path fresh = Files.write(dir.resolve("ingest/b.partial"), new byte[10]);
        Path other = Files.write(dir.resolve("ingest/keep.txt"), new byte[10]);
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minusSeconds(3600)));
        assertThat(store.cleanIngest(Instant.now().minusSeconds(60))).isEqualTo(100);
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
        assertThat(other).exists();
    }

    @Test
    void missingBlobsAreReportedWithTheirDigestAndStore() {
        Digest digest = Digest.sha256("absent");
        assertThatThrownBy(() -> store.open(digest)).isInstanceOf(BlobNotFoundException.class)
                .hasMessage("blob " + digest + " not found in " + dir.toAbsolutePath());
    }

    @Test
    void blobsWriteThemselvesAndReturnTheirDescriptor() throws Exception {
        Descriptor descriptor = store.put(Blob.streaming(MediaType.OCI_LAYER, out -> out.write(random(1000, 6))));
        assertThat(descriptor.mediaType()).isEqualTo(MediaType.OCI_LAYER);
        assertThat(descriptor.digest()).isEqualTo(Digest.sha256(random(1000, 6)));
        assertThat(descriptor.size()).isEqualTo(1000);
        assertThat(store.read(descriptor, 4096)).isEqualTo(random(1000, 6));
        assertThatThrownBy(() -> store.read(descriptor, 100)).hasMessageContaining("more than the 100");
    }
}
