package dev.kiln.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When to try a registry call again and how long to wait: exponential backoff from {@code initial}
 * doubling up to {@code max}, with "full jitter" (a uniformly random part of the step, so parallel
 * transfers that failed together do not retry together), and a server's {@code Retry-After} honoured
 * up to {@code maxRetryAfter}. Pure values: the caller supplies the random number and sleeps.
 *
 * @param attempts      tries in all, the first included
 * @param initial       the first backoff step
 * @param max           the largest step
 * @param maxRetryAfter the longest {@code Retry-After} honoured; longer ones fail the call
 */
public record RetryPolicy(int attempts, Duration initial, Duration max, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(250), Duration.ofSeconds(8),
            Duration.ofSeconds(60));

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** Whether an HTTP status is worth another try: 408, 429 and 5xx except 501 and 505. */
    public static boolean retryableStatus(int status) {
        return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    /** Whether a try numbered {@code attempt} (1-based) that failed may be followed by another. */
    public boolean mayRetry(int attempt) {
        return attempt < attempts;
    }

    /**
     * How long to wait after failed try number {@code attempt} (1-based). {@code unit} is a random
     * number in [0, 1). A server's {@code Retry-After} replaces the backoff when present.
     */
    public Duration delay(int attempt, Optional<Duration> retryAfter, double unit) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.isNegative() ? Duration.ZERO : asked;
        }
        long step = initial.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(step, max.toMillis());
        // Half fixed, half random: never zero, never in lockstep.
        return Duration.ofMillis(capped / 2 + (long) (unit * (capped - capped / 2)));
    }

    /** Whether a {@code Retry-After} is too long to wait for. */
    public boolean tooLong(Duration retryAfter) {
        return retryAfter.compareTo(maxRetryAfter) > 0;
    }

    /** Parses {@code Retry-After}: delay seconds or an HTTP date (relative to {@code now}). */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        try {
            long seconds = Long.parseLong(text);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException ignored) {
                return Optional.empty();
            }
        }
    }
}
