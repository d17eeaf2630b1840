package dev.kiln.registry;

import dev.kiln.oci.Digest;
import java.util.Optional;

/**
 * {@code PUT /v2/NAME/manifests/REFERENCE}: uploads manifest bytes as given (their digest is what
 * the registry stores) under a tag or their digest. Call only after every blob it names is in the
 * repository; the registry's {@code Docker-Content-Digest} must match ours.
 */
public final class ManifestPush {

    private final RegistryHttp http;
    private final String repository;

    public ManifestPush(RegistryHttp http, String repository) {
        this.http = http;
        this.repository = repository;
    }

    /** Puts the manifest under {@code reference} (a tag, or its own digest) and returns its digest. */
    public Digest put(String reference, byte[] bytes, String mediaType) throws RegistryException {
        Digest digest = Digest.sha256(bytes);
        Request request = Request.builder("PUT", "/v2/" + repository + "/manifests/" + reference)
                .header("Content-Type", mediaType)
                .body(BodySource.of(bytes))
                .scopes(Request.pushScope(repository))
                .on(repository, "push manifest " + reference)
                .notFound(ErrorCode.NAME_UNKNOWN)
                .build();
        try (Response response = http.send(request)) {
            if (response.status() != 201 && response.status() != 200) {
                throw response.failure();
            }
            response.discard();
            Optional<String> stated = response.header("Docker-Content-Digest");
            if (stated.isPresent() && Digest.isValid(stated.get()) && !Digest.parse(stated.get()).equals(digest)) {
                throw http.error(request, ErrorCode.DIGEST_MISMATCH,
                        "registry stored " + stated.get() + ", expected " + digest, null);
            }
            return digest;
        }
    }
}
