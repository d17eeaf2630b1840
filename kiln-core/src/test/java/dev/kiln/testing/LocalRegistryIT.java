package dev.kiln.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry harnesses do what the registry tests rely on, against the real docker-registry. */
class LocalRegistryIT {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void openRegistryAnswersV2AndStopsAnsweringWhenKilled() throws Exception {
        try (LocalRegistry registry = LocalRegistry.open()) {
            assertThat(get(registry.url() + "/v2/", null).statusCode()).isEqualTo(200);
            registry.kill();
            assertThat(registry.isRunning()).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> get(registry.url() + "/v2/", null))
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void htpasswdRegistryRejectsWrongPasswordAndAcceptsTheRightOne() throws Exception {
        try (LocalRegistry registry = LocalRegistry.htpasswd(Map.of("alice", "wonderland"))) {
            HttpResponse<String> anonymous = get(registry.url() + "/v2/", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            assertThat(get(registry.url() + "/v2/", basic("alice", "wrong")).statusCode()).isEqualTo(401);
            assertThat(get(registry.url() + "/v2/", basic("alice", "wonderland")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void tokenRegistryAcceptsOnlyScopedTokensFromTheTokenServer() throws Exception {
        try (TokenServer tokens = TokenServer.start().user("bob", "builder").allow("bob", "app", "pull", "push");
             LocalRegistry registry = LocalRegistry.tokenAuth(tokens)) {
            HttpResponse<String> challenge = get(registry.url() + "/v2/app/tags/list", null);
            assertThat(challenge.statusCode()).isEqualTo(401);
            assertThat(challenge.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .startsWith("Bearer realm=\"" + tokens.realm() + "\"")
                    .contains("service=\"" + TokenServer.SERVICE + "\"")
                    .contains("scope=\"repository:app:pull\"");

            String url = tokens.realm() + "?service=" + TokenServer.SERVICE + "&scope=repository:app:pull";
            assertThat(get(url, basic("bob", "wrong")).statusCode()).isEqualTo(401);
            HttpResponse<String> issued = get(url, basic("bob", "builder"));
            assertThat(issued.statusCode()).isEqualTo(200);
            String token = new ObjectMapper().readTree(issued.body()).get("token").asText();

            // The token is accepted: the repository is simply empty (404 NAME_UNKNOWN), not 401.
            HttpResponse<String> tags = get(registry.url() + "/v2/app/tags/list", "Bearer " + token);
            assertThat(tags.statusCode()).as(registry.logTail()).isEqualTo(404);
            assertThat(tags.body()).contains("NAME_UNKNOWN");
            // The same token does not reach another repository.
            assertThat(get(registry.url() + "/v2/other/tags/list", "Bearer " + token).statusCode()).isEqualTo(401);

            // A repository the user may not see gets a token without access.
            String denied = tokens.realm() + "?service=" + TokenServer.SERVICE + "&scope=repository:secret:pull";
            assertThat(get(denied, basic("bob", "builder")).statusCode()).isEqualTo(200);
            assertThat(tokens.issued().get(tokens.issued().size() - 1).grantedScopes()).isEmpty();
        }
    }

    @Test
    void faultProxyInjectsScriptedFaultsThenPassesThrough() throws Exception {
        try (LocalRegistry registry = LocalRegistry.open(); FaultProxy proxy = FaultProxy.start(registry.port())) {
            FaultProxy.Rule busy = proxy.on("GET", "/v2/").times(2).respond(429, 3);
            HttpResponse<String> first = get("http://" + proxy.host() + "/v2/", null);
            assertThat(first.statusCode()).isEqualTo(429);
            assertThat(first.headers().firstValue("Retry-After")).hasValue("3");
            assertThat(get("http://" + proxy.host() + "/v2/", null).statusCode()).isEqualTo(429);
            HttpResponse<String> third = get("http://" + proxy.host() + "/v2/", null);
            assertThat(third.statusCode()).isEqualTo(200);
            assertThat(third.headers().firstValue("Docker-Distribution-Api-Version")).hasValue("registry/2.0");
            assertThat(busy.fired()).isEqualTo(2);
            assertThat(proxy.requests()).containsExactly("GET /v2/", "GET /v2/", "GET /v2/");
        }
    }
}
