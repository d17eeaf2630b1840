package dev.kiln.registry;

import dev.kiln.blob.DigestingInputStream;
import dev.kiln.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/**
 * {@code GET /v2/NAME/blobs/DIGEST}, streamed: {@link #open} gives a stream that survives dropped
 * connections by asking again with {@code Range: bytes=N-} from where it stopped;
 * {@link #copyTo} also checks the digest and size as the bytes pass.
 */
public final class BlobPull {

    private static final int BUFFER = 256 * 1024;

    private final RegistryHttp http;
    private final String repository;

    public BlobPull(RegistryHttp http, String repository) {
        this.http = http;
        this.repository = repository;
    }

    /**
     * The blob's bytes, resuming after failures; {@code size} (or -1) lets it notice a short body.
     * The stream does not verify the digest: read it through a digest check (see {@link #copyTo}).
     */
    public InputStream open(Digest digest, long size) throws RegistryException {
        return new ResumingBlobStream(http, repository, digest, size);
    }

    /**
     * Copies the blob into {@code sink}, verifying size and digest; {@code progress} hears the byte
     * count as it grows. Returns the size. The sink may hold a partial blob when this throws.
     */
    public long copyTo(Digest digest, long size, OutputStream sink, LongConsumer progress)
            throws RegistryException, IOException {
        try (InputStream raw = open(digest, size);
             DigestingInputStream in = new DigestingInputStream(raw, digest.algorithm())) {
            byte[] buffer = new byte[BUFFER];
            long total = 0;
            int n;
            while ((n = read(in, buffer, digest)) >= 0) {
                sink.write(buffer, 0, n);
                total += n;
                progress.accept(total);
            }
            Digest actual = in.digest();
            if (!actual.equals(digest) || (size >= 0 && total != size)) {
                Request request = Request.builder("GET", "/v2/" + repository + "/blobs/" + digest)
                        .on(repository, "pull blob " + digest.shortHex()).build();
                throw http.error(request, ErrorCode.DIGEST_MISMATCH,
                        "received " + total + " bytes hashing to " + actual, null);
            }
            return total;
        }
    }

    private static int read(InputStream in, byte[] buffer, Digest digest) throws IOException, RegistryException {
        try {
            return in.read(buffer);
        } catch (ResumingBlobStream.Failure failure) {
            throw failure.registryException();
        }
    }
}
