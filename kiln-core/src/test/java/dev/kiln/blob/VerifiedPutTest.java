package dev.kiln.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** put() of a self-verifying stream hashes once, and still refuses content that does not match. */
class VerifiedPutTest {

    @TempDir
    Path tmp;

    private BlobStore store() {
        return new BlobStore(tmp.resolve("blobs"), tmp.resolve("ingest"));
    }

    private long ingestFiles() throws IOException {
        if (!Files.exists(tmp.resolve("ingest"))) {
            return 0;
        }
        try (Stream<Path> files = Files.list(tmp.resolve("ingest"))) {
            return files.count();
        }
    }

    @Test
    void verifiedContentIsStoredUnderItsDigest() throws Exception {
        byte[] content = "layer bytes".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(content);
        BlobStore store = store();
        BlobInfo info = store.put(new VerifyingInputStream(new ByteArrayInputStream(content), digest, content.length, "test"),
                digest, content.length);
        assertThat(info.digest()).isEqualTo(digest);
        assertThat(Files.readAllBytes(store.path(digest))).isEqualTo(content);
    }

    @Test
    void corruptedVerifiedContentIsRefusedAndLeavesNothing() throws Exception {
        byte[] content = "layer bytes".getBytes(StandardCharsets.UTF_8);
        Digest claimed = Digest.sha256("other bytes");
        BlobStore store = store();
        assertThatThrownBy(() -> store.put(new VerifyingInputStream(new ByteArrayInputStream(content), claimed,
                content.length, "test"), claimed, content.length)).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupted");
        assertThat(store.has(claimed)).isFalse();
        assertThat(ingestFiles()).isZero();
    }

    @Test
    void aStreamVerifyingAnotherDigestIsHashedAsUsual() throws Exception {
        byte[] content = "layer bytes".getBytes(StandardCharsets.UTF_8);
        Digest real = Digest.sha256(content);
        Digest wanted = Digest.sha256("something else");
        BlobStore store = store();
        assertThatThrownBy(() -> store.put(new VerifyingInputStream(new ByteArrayInputStream(content), real,
                content.length, "test"), wanted, content.length)).isInstanceOf(BlobDigestMismatchException.class);
        assertThat(store.has(wanted)).isFalse();
        assertThat(store.has(real)).isFalse();
    }
}
