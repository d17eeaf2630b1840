package dev.kiln.registry.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens kept per realm, service and scope set, so parallel blob transfers in one repository
 * share one token and a token is fetched again only when it nears expiry (or the registry refuses it).
 */
public final class TokenCache {

    /** Refresh this long before expiry, or at half the lifetime for tokens shorter than twice this. */
    static final Duration MARGIN = Duration.ofSeconds(10);

    private final Clock clock;
    private final Map<String, BearerToken> tokens = new ConcurrentHashMap<>();

    public TokenCache(Clock clock) {
        this.clock = clock;
    }

    /** The cache key for a realm, service and set of scopes (order-free). */
    public static String key(String realm, String service, Collection<String> scopes) {
        return realm + "\n" + service + "\n" + String.join(" ", new TreeSet<>(scopes));
    }

    /** A cached token with enough life left, if any. */
    public Optional<BearerToken> get(String key) {
        BearerToken token = tokens.get(key);
        if (token == null) {
            return Optional.empty();
        }
        if (!token.usableAt(clock.instant(), MARGIN)) {
            tokens.remove(key, token);
            return Optional.empty();
        }
        return Optional.of(token);
    }

    public void put(String key, BearerToken token) {
        tokens.put(key, token);
    }

    /** Forgets a token the registry refused. */
    public void invalidate(String key) {
        tokens.remove(key);
    }

    public Clock clock() {
        return clock;
    }
}
