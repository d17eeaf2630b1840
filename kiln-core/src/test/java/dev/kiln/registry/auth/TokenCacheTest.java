package dev.kiln.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void tokensAreReusedUntilTenSecondsBeforeExpiryThenDropped() {
        MutableClock clock = new MutableClock(T0);
        TokenCache cache = new TokenCache(clock);
        String key = TokenCache.key("https://auth/token", "reg", List.of("repository:app:pull"));
        cache.put(key, new BearerToken("t1", T0.plusSeconds(60)));
        assertThat(cache.get(key)).isPresent();
        clock.now = T0.plusSeconds(49);
        assertThat(cache.get(key)).isPresent();
        clock.now = T0.plusSeconds(51);
        assertThat(cache.get(key)).isEmpty();
    }

    @Test
    void keysIgnoreScopeOrderButNotScopes() {
        assertThat(TokenCache.key("r", "s", List.of("a", "b"))).isEqualTo(TokenCache.key("r", "s", List.of("b", "a")));
        assertThat(TokenCache.key("r", "s", List.of("a"))).isNotEqualTo(TokenCache.key("r", "s", List.of("a", "b")));
    }

    @Test
    void invalidatedTokensAreGone() {
        TokenCache cache = new TokenCache(new MutableClock(T0));
        cache.put("k", new BearerToken("t", T0.plus(Duration.ofHours(1))));
        cache.invalidate("k");
        assertThat(cache.get("k")).isEmpty();
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
