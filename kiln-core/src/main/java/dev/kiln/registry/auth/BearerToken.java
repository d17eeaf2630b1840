package dev.kiln.registry.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A token from a token endpoint and the moment it stops being good. */
public record BearerToken(String value, Instant expiresAt) {

    /** The distribution token spec's default lifetime when the endpoint names none. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    public BearerToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Whether the token still has {@code margin} to live at {@code now}; a request sent with less
     * could reach the registry after expiry, so it is refreshed early.
     */
    public boolean usableAt(Instant now, Duration margin) {
        return now.plus(margin).isBefore(expiresAt);
    }

    public String header() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "BearerToken[value=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
