package dev.kiln.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a session talks to registries.
 *
 * @param insecureHosts   hosts (host[:port]) that may use plain HTTP or unverified TLS; loopback hosts
 *                        always use plain HTTP
 * @param certDir         Docker's certs.d layout: {@code DIR/HOST[:PORT]/ca.crt} (any {@code *.crt})
 *                        and {@code client.cert}/{@code client.key}, or those files directly in DIR;
 *                        empty means {@code /etc/docker/certs.d} when it exists
 * @param mirrors         per registry host, mirrors tried in order before it for pulls
 * @param parallelism     blob transfers at once
 * @param connectTimeout  TCP and TLS connect
 * @param responseTimeout waiting for response headers (uploads get more in proportion to their size)
 * @param idleTimeout     longest pause inside a response body before the connection counts as dead
 * @param retry           backoff policy for 5xx, 429, resets and timeouts
 * @param chunkSize       blobs up to this size are uploaded in one PUT; larger ones in PATCH chunks of it
 */
public record RegistryConfig(Set<String> insecureHosts, Optional<Path> certDir, Map<String, List<String>> mirrors,
                             int parallelism, Duration connectTimeout, Duration responseTimeout,
                             Duration idleTimeout, RetryPolicy retry, long chunkSize) {

    public static final RegistryConfig DEFAULT = new RegistryConfig(Set.of(), Optional.empty(), Map.of(), 4,
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(60), RetryPolicy.DEFAULT,
            256L << 20);

    public RegistryConfig {
        insecureHosts = Set.copyOf(insecureHosts);
        mirrors = Map.copyOf(mirrors);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        if (chunkSize < 1 << 20) {
            throw new IllegalArgumentException("chunk size must be at least 1 MiB");
        }
    }

    public RegistryConfig withInsecureHosts(Set<String> hosts) {
        return new RegistryConfig(hosts, certDir, mirrors, parallelism, connectTimeout, responseTimeout, idleTimeout,
                retry, chunkSize);
    }

    public RegistryConfig withCertDir(Optional<Path> dir) {
        return new RegistryConfig(insecureHosts, dir, mirrors, parallelism, connectTimeout, responseTimeout,
                idleTimeout, retry, chunkSize);
    }

    public RegistryConfig withMirrors(Map<String, List<String>> byHost) {
        return new RegistryConfig(insecureHosts, certDir, byHost, parallelism, connectTimeout, responseTimeout,
                idleTimeout, retry, chunkSize);
    }

    public RegistryConfig withParallelism(int jobs) {
        return new RegistryConfig(insecureHosts, certDir, mirrors, jobs, connectTimeout, responseTimeout, idleTimeout,
                retry, chunkSize);
    }

    public RegistryConfig withTimeouts(Duration connect, Duration response, Duration idle) {
        return new RegistryConfig(insecureHosts, certDir, mirrors, parallelism, connect, response, idle, retry,
                chunkSize);
    }

    public RegistryConfig withRetry(RetryPolicy policy) {
        return new RegistryConfig(insecureHosts, certDir, mirrors, parallelism, connectTimeout, responseTimeout,
                idleTimeout, policy, chunkSize);
    }

    public RegistryConfig withChunkSize(long bytes) {
        return new RegistryConfig(insecureHosts, certDir, mirrors, parallelism, connectTimeout, responseTimeout,
                idleTimeout, retry, bytes);
    }

    /** Whether {@code host} is a loopback name or address (plain HTTP is allowed there). */
    public static boolean isLoopback(String host) {
        String name = host;
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            name = end > 0 ? name.substring(1, end) : name;
        } else if (name.indexOf(':') == name.lastIndexOf(':') && name.contains(":")) {
            name = name.substring(0, name.indexOf(':'));
        }
        return name.equals("localhost") || name.equals("::1") || name.matches("127(\\.\\d{1,3}){3}");
    }

    /** Whether plain HTTP may be used for {@code host}. */
    public boolean allowsPlainHttp(String host) {
        return isLoopback(host) || insecureHosts.contains(host);
    }

    /** Mirrors for pulls from {@code host}, in order. */
    public List<String> mirrorsFor(String host) {
        return mirrors.getOrDefault(host, List.of());
    }
}
