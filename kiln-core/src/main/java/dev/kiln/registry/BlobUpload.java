package dev.kiln.registry;

import dev.kiln.oci.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Puts a blob into a repository the cheapest way: nothing when {@code HEAD} finds it; a
 * cross-repository mount ({@code POST ?mount=DIGEST&from=OTHER}) when it is known to be in another
 * repository of the same registry; otherwise {@code POST} an upload and send the bytes, in one
 * {@code PUT ?digest=} for blobs up to the chunk size or as {@code PATCH} chunks with
 * {@code Content-Range} then a closing {@code PUT}. An upload that breaks starts over with a new
 * session (registries do not reliably keep half-sent data), up to the retry policy's tries.
 */
public final class BlobUpload {

    /** How the blob got there. */
    public enum Outcome { EXISTED, MOUNTED, UPLOADED }

    private static final Set<ErrorCode> RESTARTABLE = Set.of(ErrorCode.UNAVAILABLE, ErrorCode.BLOB_UPLOAD_INVALID,
            ErrorCode.BLOB_UPLOAD_UNKNOWN, ErrorCode.TOOMANYREQUESTS, ErrorCode.UNEXPECTED, ErrorCode.SIZE_INVALID);

    private final RegistryHttp http;
    private final String repository;

    public BlobUpload(RegistryHttp http, String repository) {
        this.http = http;
        this.repository = repository;
    }

    /**
     * Makes sure the repository holds the blob. {@code mountFrom} names another repository of this
     * registry that has it; {@code progress} hears bytes sent so far.
     */
    public Outcome push(Digest digest, long size, BodySource.Opener content, Optional<String> mountFrom,
                        LongConsumer progress) throws RegistryException {
        return push(digest, size, content, mountFrom, progress, true);
    }

    /** As {@link #push(Digest, long, BodySource.Opener, Optional, LongConsumer)}; {@code check} false skips the HEAD (the caller just did it). */
    public Outcome push(Digest digest, long size, BodySource.Opener content, Optional<String> mountFrom,
                        LongConsumer progress, boolean check) throws RegistryException {
        if (check && new BlobCheck(http, repository).size(digest, Request.pushScope(repository)).isPresent()) {
            return Outcome.EXISTED;
        }
        Optional<String> location = Optional.empty();
        if (mountFrom.isPresent() && !mountFrom.get().equals(repository)) {
            location = mount(digest, mountFrom.get());
            if (location.isEmpty()) {
                return Outcome.MOUNTED;
            }
        }
        RetryPolicy policy = http.session().config().retry();
        try (UploadSource source = new UploadSource(content, size)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    String start = location.isPresent() ? location.get() : begin(digest);
                    location = Optional.empty();
                    send(start, digest, size, source, progress);
                    return Outcome.UPLOADED;
                } catch (RegistryException e) {
                    if (!RESTARTABLE.contains(e.code()) || !policy.mayRetry(attempt)) {
                        throw e;
                    }
                    http.debug("upload of " + digest.shortHex() + " failed (" + e.getMessage() + "); starting over");
                    progress.accept(0);
                }
            }
        }
    }

    /** Tries a cross-repository mount; empty means mounted, a location means the registry started an upload instead. */
    private Optional<String> mount(Digest digest, String from) throws RegistryException {
        Request request = Request.builder("POST", "/v2/" + repository + "/blobs/uploads/?mount="
                        + encode(digest.toString()) + "&from=" + encode(from))
                .body(BodySource.empty())
                .scopes(Request.pushScope(repository), Request.pullScope(from))
                .on(repository, "mount blob " + digest.shortHex() + " from " + from)
                .build();
        try (Response response = http.send(request)) {
            if (response.status() == 201) {
                response.discard();
                http.debug("mounted " + digest.shortHex() + " from " + from);
                return Optional.empty();
            }
            if (response.status() == 202) {
                response.discard();
                return Optional.of(location(response, request));
            }
            throw response.failure();
        }
    }

    private String begin(Digest digest) throws RegistryException {
        Request request = Request.builder("POST", "/v2/" + repository + "/blobs/uploads/")
                .body(BodySource.empty())
                .scopes(Request.pushScope(repository))
                .on(repository, "push blob " + digest.shortHex())
                .build();
        try (Response response = http.send(request)) {
            if (response.status() != 202) {
                throw response.failure();
            }
            response.discard();
            return location(response, request);
        }
    }

    private void send(String location, Digest digest, long size, BodySource.Opener content, LongConsumer progress)
            throws RegistryException {
        long chunk = http.session().config().chunkSize();
        BodySource.Opener counted = offset -> new Counting(content.open(offset), offset, progress);
        String next = location;
        if (size > chunk) {
            for (long offset = 0; offset < size; offset += chunk) {
                long length = Math.min(chunk, size - offset);
                Request patch = Request.builder("PATCH", next)
                        .header("Content-Type", "application/octet-stream")
                        .header("Content-Range", offset + "-" + (offset + length - 1))
                        .body(BodySource.range(counted, offset, length))
                        .scopes(Request.pushScope(repository))
                        .on(repository, "push blob " + digest.shortHex())
                        .notFound(ErrorCode.BLOB_UPLOAD_UNKNOWN)
                        .build();
                try (Response response = http.send(patch)) {
                    if (response.status() != 202) {
                        throw response.failure();
                    }
                    response.discard();
                    next = location(response, patch);
                }
            }
        }
        BodySource body = size > chunk ? BodySource.empty() : BodySource.range(counted, 0, size);
        Request put = Request.builder("PUT", withQuery(next, "digest=" + encode(digest.toString())))
                .header("Content-Type", "application/octet-stream")
                .body(body)
                .scopes(Request.pushScope(repository))
                .on(repository, "push blob " + digest.shortHex())
                .notFound(ErrorCode.BLOB_UPLOAD_UNKNOWN)
                .build();
        try (Response response = http.send(put)) {
            if (response.status() != 201 && response.status() != 204) {
                throw response.failure();
            }
            response.discard();
            Optional<String> stated = response.header("Docker-Content-Digest");
            if (stated.isPresent() && Digest.isValid(stated.get()) && !Digest.parse(stated.get()).equals(digest)) {
                throw http.error(put, ErrorCode.DIGEST_MISMATCH, "registry stored " + stated.get(), null);
            }
        }
    }

    private String location(Response response, Request request) throws RegistryException {
        Optional<String> location = response.header("Location");
        if (location.isEmpty()) {
            throw http.error(request, ErrorCode.UNEXPECTED, "upload answer without Location", null);
        }
        return response.uri().resolve(location.get()).toString();
    }

    static String withQuery(String url, String parameter) {
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Counts bytes read from a blob source for progress events. */
    private static final class Counting extends FilterInputStream {
        private final LongConsumer progress;
        private long total;

        Counting(InputStream in, long start, LongConsumer progress) {
            super(in);
            this.total = start;
            this.progress = progress;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                total += n;
                progress.accept(total);
            }
            return n;
        }
    }
}
