package dev.kiln.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Optional;

/**
 * Asks a token endpoint (the {@code realm} of a Bearer challenge) for a token per the distribution
 * token spec: {@code GET realm?service=S&scope=A&scope=B} with basic credentials (or none), or for an
 * identity token the OAuth2 form {@code POST realm} with {@code grant_type=refresh_token}.
 */
public final class TokenEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = "kiln";

    /** Why a token could not be had: the endpoint's status (401/403 mean bad credentials) or a transport failure. */
    public static final class TokenException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        TokenException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The endpoint's HTTP status, or 0 when it did not answer. */
        public int status() {
            return status;
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    public TokenEndpoint(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    public BearerToken fetch(Challenge challenge, Collection<String> scopes, Optional<Credential> credential,
                             Instant now) throws TokenException, IOException, InterruptedException {
        String realm = challenge.param("realm").orElseThrow(() ->
                new TokenException(0, "the registry's Bearer challenge names no realm"));
        Optional<String> service = challenge.param("service");
        HttpRequest request;
        if (credential.isPresent() && credential.get() instanceof Credential.IdentityToken identity) {
            StringBuilder form = new StringBuilder("grant_type=refresh_token&client_id=").append(CLIENT_ID)
                    .append("&refresh_token=").append(encode(identity.token()));
            service.ifPresent(s -> form.append("&service=").append(encode(s)));
            if (!scopes.isEmpty()) {
                form.append("&scope=").append(encode(String.join(" ", scopes)));
            }
            request = HttpRequest.newBuilder(uri(realm, ""))
                    .timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                    .build();
        } else {
            StringBuilder query = new StringBuilder();
            service.ifPresent(s -> query.append("service=").append(encode(s)));
            for (String scope : scopes) {
                query.append(query.length() > 0 ? "&" : "").append("scope=").append(encode(scope));
            }
            if (credential.isPresent()) {
                query.append(query.length() > 0 ? "&" : "").append("account=")
                        .append(encode(((Credential.UserPassword) credential.get()).username()));
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri(realm, query.toString())).timeout(timeout).GET();
            credential.ifPresent(c -> builder.header("Authorization", ((Credential.UserPassword) c).basicHeader()));
            request = builder.build();
        }
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            // The body is not quoted: token endpoints may echo the request, credentials included.
            throw new TokenException(response.statusCode(), "token endpoint " + hostOf(realm)
                    + " answered HTTP " + response.statusCode());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new TokenException(response.statusCode(), "token endpoint " + hostOf(realm) + " sent no JSON");
        }
        String token = body.path("token").asText("");
        if (token.isEmpty()) {
            token = body.path("access_token").asText("");
        }
        if (token.isEmpty()) {
            throw new TokenException(response.statusCode(), "token endpoint " + hostOf(realm) + " sent no token");
        }
        long expiresIn = body.path("expires_in").asLong(0);
        Duration lifetime = expiresIn > 0 ? Duration.ofSeconds(expiresIn) : BearerToken.DEFAULT_LIFETIME;
        Instant issued = now;
        String issuedAt = body.path("issued_at").asText("");
        if (!issuedAt.isEmpty()) {
            try {
                Instant stated = Instant.parse(issuedAt);
                // Trust the server's clock only when it is close to ours.
                if (Duration.between(stated, now).abs().compareTo(Duration.ofMinutes(5)) < 0) {
                    issued = stated;
                }
            } catch (DateTimeParseException e) {
                // keep our own clock
            }
        }
        return new BearerToken(token, issued.plus(lifetime));
    }

    private static URI uri(String realm, String query) throws TokenException {
        try {
            URI base = URI.create(realm);
            if (base.getScheme() == null || !(base.getScheme().equals("https") || base.getScheme().equals("http"))) {
                throw new TokenException(0, "token realm is not an http(s) URL: " + realm);
            }
            if (query.isEmpty()) {
                return base;
            }
            return URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        } catch (IllegalArgumentException e) {
            throw new TokenException(0, "token realm is not a URL: " + realm);
        }
    }

    private static String hostOf(String realm) {
        try {
            URI uri = URI.create(realm);
            return uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : String.valueOf(uri.getHost());
        } catch (IllegalArgumentException e) {
            return realm;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
