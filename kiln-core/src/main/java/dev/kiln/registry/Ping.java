package dev.kiln.registry;

/**
 * {@code GET /v2/}: whether the host speaks the distribution API and accepts our credentials. With
 * credentials at hand it authenticates (fetching a token without scopes for Bearer registries), so
 * {@code kiln login} can tell wrong credentials before storing them.
 */
public final class Ping {

    private final RegistryHttp http;

    public Ping(RegistryHttp http) {
        this.http = http;
    }

    public void check() throws RegistryException {
        Request request = Request.builder("GET", "/v2/").on("", "ping").notFound(ErrorCode.UNSUPPORTED).build();
        try (Response response = http.send(request)) {
            if (response.status() == 200) {
                response.discard();
                return;
            }
            throw response.failure();
        }
    }
}
