package dev.kiln.registry.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Something that proves who the client is to a registry. {@code toString} never shows the secret, so
 * a credential that ends up in a log line or exception message leaks nothing.
 */
public sealed interface Credential permits Credential.UserPassword, Credential.IdentityToken {

    /** The strings a {@link Redactor} must hide wherever they appear. */
    List<String> secrets();

    /** A user name and password (or personal access token), sent as HTTP basic auth. */
    record UserPassword(String username, String password) implements Credential {
        public UserPassword {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        /** The {@code Authorization} header value for basic auth. */
        public String basicHeader() {
            return "Basic " + base64();
        }

        /** {@code base64(user:password)}, as config.json stores it. */
        public String base64() {
            return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public List<String> secrets() {
            return List.of(password, base64());
        }

        @Override
        public String toString() {
            return "UserPassword[username=" + username + ", password=<redacted>]";
        }
    }

    /** An OAuth2 refresh token ("identity token") exchanged at the token endpoint. */
    record IdentityToken(String username, String token) implements Credential {
        public IdentityToken {
            Objects.requireNonNull(token, "token");
            username = username == null ? "" : username;
        }

        @Override
        public List<String> secrets() {
            return List.of(token);
        }

        @Override
        public String toString() {
            return "IdentityToken[username=" + username + ", token=<redacted>]";
        }
    }
}
