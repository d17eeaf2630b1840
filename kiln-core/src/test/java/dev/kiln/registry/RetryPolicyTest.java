package dev.kiln.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void backoffDoublesPerAttemptUpToTheCapWithJitterInTheUpperHalf() {
        assertThat(policy.delay(1, Optional.empty(), 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(policy.delay(1, Optional.empty(), 0.999)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(policy.delay(2, Optional.empty(), 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delay(3, Optional.empty(), 0.5)).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.delay(10, Optional.empty(), 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delay(10, Optional.empty(), 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(64, Optional.empty(), 0.5)).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterReplacesTheBackoffAndOverlongOnesAreRefused() {
        assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(7)), 0.3)).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.tooLong(Duration.ofSeconds(31))).isTrue();
        assertThat(policy.tooLong(Duration.ofSeconds(30))).isFalse();
    }

    @Test
    void retryAfterParsesSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        assertThat(RetryPolicy.parseRetryAfter("12", now)).hasValue(Duration.ofSeconds(12));
        assertThat(RetryPolicy.parseRetryAfter("Sun, 01 Mar 2026 10:00:05 GMT", now)).hasValue(Duration.ofSeconds(5));
        assertThat(RetryPolicy.parseRetryAfter("Sun, 01 Mar 2026 09:00:00 GMT", now)).hasValue(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("soon", now)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter(null, now)).isEmpty();
    }

    @Test
    void onlyTransientStatusesAreRetriedAndAttemptsAreBounded() {
        assertThat(RetryPolicy.retryableStatus(500)).isTrue();
        assertThat(RetryPolicy.retryableStatus(503)).isTrue();
        assertThat(RetryPolicy.retryableStatus(429)).isTrue();
        assertThat(RetryPolicy.retryableStatus(408)).isTrue();
        assertThat(RetryPolicy.retryableStatus(501)).isFalse();
        assertThat(RetryPolicy.retryableStatus(404)).isFalse();
        assertThat(RetryPolicy.retryableStatus(401)).isFalse();
        assertThat(policy.mayRetry(4)).isTrue();
        assertThat(policy.mayRetry(5)).isFalse();
    }

    @Test
    void jitterSpreadsParallelRetriesApart() {
        java.util.Random random = new java.util.Random(42);
        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            seen.add(policy.delay(3, Optional.empty(), random.nextDouble()));
        }
        assertThat(seen).hasSizeGreaterThan(10);
    }
}
