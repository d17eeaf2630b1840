package dev.kiln.registry;

import dev.kiln.oci.Digest;

/**
 * {@code DELETE /v2/NAME/manifests/DIGEST}. Registries delete by digest (tags go with it); one with
 * deletes disabled answers UNSUPPORTED.
 */
public final class ManifestDelete {

    private final RegistryHttp http;
    private final String repository;

    public ManifestDelete(RegistryHttp http, String repository) {
        this.http = http;
        this.repository = repository;
    }

    public void delete(Digest digest) throws RegistryException {
        Request request = Request.builder("DELETE", "/v2/" + repository + "/manifests/" + digest)
                .scopes("repository:" + repository + ":delete")
                .on(repository, "delete manifest " + digest)
                .notFound(ErrorCode.MANIFEST_UNKNOWN)
                .build();
        try (Response response = http.send(request)) {
            if (response.status() != 202 && response.status() != 200) {
                throw response.failure();
            }
            response.discard();
        }
    }
}
