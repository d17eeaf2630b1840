package dev.kiln.registry;

import dev.kiln.event.EventSink;
import dev.kiln.registry.auth.CredentialStore;
import dev.kiln.registry.auth.Redactor;
import dev.kiln.registry.auth.TokenCache;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything the registry calls of one kiln run share: configuration, credentials, the redactor,
 * cached tokens, one HTTP client per host (so connections are reused) and a timer for body
 * watchdogs. Close it at the end of the run.
 */
public final class RegistrySession implements AutoCloseable {

    private final RegistryConfig config;
    private final CredentialStore credentials;
    private final Redactor redactor;
    private final EventSink events;
    private final TokenCache tokens;
    private final Map<String, RegistryHttp> hosts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kiln-registry-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    public RegistrySession(RegistryConfig config, CredentialStore credentials, Redactor redactor, EventSink events,
                           Clock clock) {
        this.config = config;
        this.credentials = credentials;
        this.redactor = redactor;
        this.events = events;
        this.tokens = new TokenCache(clock);
    }

    /** A session reading credentials from this environment ({@code KILN_REGISTRY_AUTH}, {@code DOCKER_CONFIG}, {@code HOME}). */
    public static RegistrySession create(RegistryConfig config, Map<String, String> env, EventSink events) {
        Redactor redactor = new Redactor();
        return new RegistrySession(config, new CredentialStore(env, redactor), redactor, events, Clock.systemUTC());
    }

    /** The transport for one registry host ({@code host[:port]}), made on first use. */
    public RegistryHttp host(String host) {
        // Docker Hub's API lives on its own host; credentials stay filed under docker.io.
        String api = dev.kiln.registry.auth.RegistryHostNames.isDockerHub(host) ? "registry-1.docker.io" : host;
        return hosts.computeIfAbsent(api, h -> new RegistryHttp(h, this));
    }

    public RegistryConfig config() {
        return config;
    }

    public Redactor redactor() {
        return redactor;
    }

    public EventSink events() {
        return events;
    }

    public CredentialStore credentials() {
        return credentials;
    }

    TokenCache tokens() {
        return tokens;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    @Override
    public void close() {
        hosts.values().forEach(RegistryHttp::close);
        timer.shutdownNow();
    }
}
