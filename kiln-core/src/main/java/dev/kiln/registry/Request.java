package dev.kiln.registry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One registry call before it is sent: method, target ({@code /v2/...} path or an absolute URL the
 * registry handed out, such as an upload location), headers, an optional re-playable body, the token
 * scopes it needs, and for error messages the repository, the action and what a 404 means.
 */
public record Request(String method, String target, Map<String, String> headers, BodySource body,
                      Duration timeout, List<String> scopes, String repository, String action,
                      ErrorCode notFound) {

    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        headers = Map.copyOf(headers);
        scopes = List.copyOf(scopes);
        repository = repository == null ? "" : repository;
        action = action == null ? "" : action;
        notFound = notFound == null ? ErrorCode.NAME_UNKNOWN : notFound;
    }

    public static Builder builder(String method, String target) {
        return new Builder(method, target);
    }

    /** The token scope to pull from a repository. */
    public static String pullScope(String repository) {
        return "repository:" + repository + ":pull";
    }

    /** The token scope to push to (and pull from) a repository. */
    public static String pushScope(String repository) {
        return "repository:" + repository + ":pull,push";
    }

    /** Fills in a request step by step. */
    public static final class Builder {
        private final String method;
        private final String target;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private BodySource body;
        private Duration timeout;
        private List<String> scopes = List.of();
        private String repository = "";
        private String action = "";
        private ErrorCode notFound = ErrorCode.NAME_UNKNOWN;

        private Builder(String method, String target) {
            this.method = method;
            this.target = target;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder body(BodySource source) {
            this.body = source;
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder scopes(String... values) {
            this.scopes = List.of(values);
            return this;
        }

        public Builder scopes(List<String> values) {
            this.scopes = List.copyOf(values);
            return this;
        }

        public Builder on(String repo, String what) {
            this.repository = repo;
            this.action = what;
            return this;
        }

        public Builder notFound(ErrorCode code) {
            this.notFound = code;
            return this;
        }

        public Request build() {
            return new Request(method, target, headers, body, timeout, scopes, repository, action, notFound);
        }
    }
}
