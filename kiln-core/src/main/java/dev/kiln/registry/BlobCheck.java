package dev.kiln.registry;

import dev.kiln.oci.Digest;
import java.util.OptionalLong;

/** {@code HEAD /v2/NAME/blobs/DIGEST}: whether the repository has a blob, and its size. */
public final class BlobCheck {

    private final RegistryHttp http;
    private final String repository;

    public BlobCheck(RegistryHttp http, String repository) {
        this.http = http;
        this.repository = repository;
    }

    /** The blob's size when present; empty when the repository does not have it. */
    public OptionalLong size(Digest digest, String... scopes) throws RegistryException {
        Request request = Request.builder("HEAD", "/v2/" + repository + "/blobs/" + digest)
                .scopes(scopes.length > 0 ? java.util.List.of(scopes) : java.util.List.of(Request.pullScope(repository)))
                .on(repository, "check blob " + digest.shortHex())
                .notFound(ErrorCode.BLOB_UNKNOWN)
                .build();
        try (Response response = http.send(request)) {
            if (response.status() == 404) {
                return OptionalLong.empty();
            }
            if (response.status() != 200) {
                throw response.failure();
            }
            return OptionalLong.of(response.header("Content-Length").map(Long::parseLong).orElse(-1L));
        }
    }
}
