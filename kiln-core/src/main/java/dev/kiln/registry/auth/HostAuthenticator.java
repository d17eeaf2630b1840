package dev.kiln.registry.auth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authentication state for one registry host within a session. It learns the host's challenge from
 * the first 401, then attaches credentials up front to every later request: a cached bearer token for
 * the request's scopes (fetched on a miss or near expiry) or basic credentials. Credentials are
 * looked up only when a challenge asks for them, so anonymous registries never run a helper.
 */
public final class HostAuthenticator {

    /** Looks up the credential for a host when first needed. */
    @FunctionalInterface
    public interface CredentialLookup {
        Optional<Credential> lookup(String host) throws CredentialException;
    }

    private final String host;
    private final CredentialLookup lookup;
    private final TokenEndpoint tokens;
    private final TokenCache cache;
    private volatile Challenge challenge;
    private volatile Optional<Credential> credential;

    public HostAuthenticator(String host, CredentialLookup lookup, TokenEndpoint tokens, TokenCache cache) {
        this.host = host;
        this.lookup = lookup;
        this.tokens = tokens;
        this.cache = cache;
    }

    /** Whether a credential exists for this host (looked up once). */
    public boolean hasCredential() throws CredentialException {
        return credential().isPresent();
    }

    /**
     * The {@code Authorization} value to send with a request needing {@code scopes}, when the host's
     * scheme is known; empty before the first challenge or for anonymous access.
     */
    public Optional<String> authorization(List<String> scopes)
            throws CredentialException, TokenEndpoint.TokenException, IOException, InterruptedException {
        Challenge known = challenge;
        if (known == null) {
            return Optional.empty();
        }
        if (known.isBasic()) {
            return credential().filter(c -> c instanceof Credential.UserPassword)
                    .map(c -> ((Credential.UserPassword) c).basicHeader());
        }
        if (known.isBearer()) {
            return Optional.of(token(known, scopes).header());
        }
        return Optional.empty();
    }

    /**
     * Handles a 401: remembers the challenge and drops the token that was refused. Returns whether a
     * retry can succeed (a new scheme or a fresh token); false means the credentials are not enough.
     */
    public boolean challenged(List<String> wwwAuthenticate, List<String> scopes, Optional<String> sentAuthorization)
            throws CredentialException {
        Optional<Challenge> offered = Challenge.preferred(wwwAuthenticate);
        if (offered.isEmpty()) {
            return false;
        }
        Challenge next = offered.get();
        Challenge before = challenge;
        challenge = next;
        if (next.isBasic()) {
            // A retry helps only if we have a user and password that were not just refused.
            return credential().filter(c -> c instanceof Credential.UserPassword).isPresent()
                    && (sentAuthorization.isEmpty() || before == null || !before.isBasic());
        }
        if (next.isBearer()) {
            if (sentAuthorization.isPresent() && sentAuthorization.get().startsWith("Bearer ")) {
                // The token expired early or lacks access: fetch anew once (the caller allows one retry).
                cache.invalidate(TokenCache.key(realm(next), service(next), withChallengeScope(next, scopes)));
            }
            return true;
        }
        return false;
    }

    private BearerToken token(Challenge bearer, List<String> scopes)
            throws CredentialException, TokenEndpoint.TokenException, IOException, InterruptedException {
        List<String> wanted = withChallengeScope(bearer, scopes);
        String key = TokenCache.key(realm(bearer), service(bearer), wanted);
        Optional<BearerToken> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        synchronized (this) {
            cached = cache.get(key);
            if (cached.isPresent()) {
                return cached.get();
            }
            BearerToken fresh = tokens.fetch(bearer, wanted, credential(), cache.clock().instant());
            cache.put(key, fresh);
            return fresh;
        }
    }

    /** The scopes requested plus any the challenge named (registries name what the request needs). */
    private static List<String> withChallengeScope(Challenge bearer, List<String> scopes) {
        Set<String> all = new LinkedHashSet<>(scopes);
        all.addAll(challengeScopes(bearer));
        return new ArrayList<>(all);
    }

    private static List<String> challengeScopes(Challenge bearer) {
        return bearer.param("scope").map(s -> List.of(s.split(" "))).orElse(List.of());
    }

    private static String realm(Challenge c) {
        return c.param("realm").orElse("");
    }

    private static String service(Challenge c) {
        return c.param("service").orElse("");
    }

    private Optional<Credential> credential() throws CredentialException {
        Optional<Credential> known = credential;
        if (known == null) {
            synchronized (this) {
                if (credential == null) {
                    credential = lookup.lookup(host);
                }
                known = credential;
            }
        }
        return known;
    }

    public String host() {
        return host;
    }
}
