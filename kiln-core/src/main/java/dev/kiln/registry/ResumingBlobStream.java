package dev.kiln.registry;

import dev.kiln.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A blob download that picks up where it broke off: on a reset, a stall or a short body it asks the
 * registry again for {@code Range: bytes=POSITION-} and carries on (skipping ahead itself if the
 * registry ignores ranges), with the session's backoff between tries. A run of tries that makes
 * no progress at all ends in a {@link RegistryException} carried by {@link Failure}.
 */
final class ResumingBlobStream extends InputStream {

    /** An IOException that carries the final registry error out of {@code read}. */
    static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient RegistryException error;

        Failure(RegistryException error) {
            super(error.getMessage(), error);
            this.error = error;
        }

        RegistryException registryException() {
            return error;
        }
    }

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final RegistryHttp http;
    private final String repository;
    private final Digest digest;
    private final long size;
    private Response current;
    private InputStream body;
    private long position;
    private int failuresWithoutProgress;
    private int resumes;
    private long positionAtLastFailure = -1;
    private boolean closed;

    ResumingBlobStream(RegistryHttp http, String repository, Digest digest, long size) throws RegistryException {
        this.http = http;
        this.repository = repository;
        this.digest = digest;
        this.size = size;
        connect();
    }

    private Request request() {
        Request.Builder builder = Request.builder("GET", "/v2/" + repository + "/blobs/" + digest)
                .scopes(Request.pullScope(repository))
                .on(repository, "pull blob " + digest.shortHex())
                .notFound(ErrorCode.BLOB_UNKNOWN);
        if (position > 0) {
            builder.header("Range", "bytes=" + position + "-");
        }
        return builder.build();
    }

    private void connect() throws RegistryException {
        Request request = request();
        Response response = http.send(request);
        int status = response.status();
        if (position > 0 && status == 206) {
            long start = response.header("Content-Range").map(ResumingBlobStream::rangeStart).orElse(-1L);
            if (start != position) {
                response.close();
                throw http.error(request, ErrorCode.UNEXPECTED, "resumed at byte " + start + ", asked " + position, null);
            }
        } else if (status == 200) {
            if (position > 0) {
                skipFully(response, request);
            }
        } else {
            throw response.failure();
        }
        current = response;
        body = response.body();
    }

    private void skipFully(Response response, Request request) throws RegistryException {
        // The registry ignored the range: read past what we already have.
        try {
            long left = position;
            byte[] scratch = new byte[65536];
            while (left > 0) {
                int n = response.body().read(scratch, 0, (int) Math.min(scratch.length, left));
                if (n < 0) {
                    throw new IOException("blob shorter than the bytes already received");
                }
                left -= n;
            }
        } catch (IOException e) {
            response.close();
            throw http.error(request, ErrorCode.UNAVAILABLE, http.describe(e), e);
        }
    }

    static long rangeStart(String contentRange) {
        Matcher m = CONTENT_RANGE.matcher(contentRange.strip());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        while (true) {
            if (closed) {
                throw new IOException("stream closed");
            }
            IOException failure;
            try {
                int n = body.read(buffer, off, len);
                if (n > 0) {
                    position += n;
                    return n;
                }
                if (n < 0 && (size < 0 || position >= size)) {
                    return -1;
                }
                if (n == 0) {
                    continue;
                }
                failure = new IOException("connection ended after " + position + " of " + size + " bytes");
            } catch (IOException e) {
                failure = e;
            }
            resume(failure);
        }
    }

    private void resume(IOException cause) throws Failure {
        current.close();
        if (position != positionAtLastFailure) {
            failuresWithoutProgress = 0;
            positionAtLastFailure = position;
        }
        failuresWithoutProgress++;
        resumes++;
        Request request = request();
        RetryPolicy policy = http.session().config().retry();
        // A connection that always breaks after a few bytes makes progress every time: cap the total too.
        if (!policy.mayRetry(failuresWithoutProgress) || resumes > 4 * policy.attempts()) {
            throw new Failure(http.error(request, ErrorCode.UNAVAILABLE,
                    http.describe(cause) + " (after " + resumes + " resumes)", cause));
        }
        Duration delay = policy.delay(failuresWithoutProgress, Optional.empty(), ThreadLocalRandom.current().nextDouble());
        http.debug("blob " + digest.shortHex() + " broke off at byte " + position + " (" + http.describe(cause)
                + "); resuming in " + delay.toMillis() + " ms");
        try {
            Thread.sleep(delay.toMillis());
            connect();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(http.error(request, ErrorCode.UNAVAILABLE, "interrupted", e));
        } catch (RegistryException e) {
            throw new Failure(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (current != null) {
            current.close();
        }
    }
}
