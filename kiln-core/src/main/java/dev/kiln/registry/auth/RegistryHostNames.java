package dev.kiln.registry.auth;

import java.util.Locale;

/**
 * How a registry host is spelled in credential stores. Docker Hub answers to several names
 * ({@code docker.io}, {@code index.docker.io}, {@code registry-1.docker.io}) and Docker keeps its
 * credentials under {@code https://index.docker.io/v1/}; other keys may carry a scheme or path.
 */
public final class RegistryHostNames {

    /** The key Docker's own tools use for Docker Hub credentials. */
    public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

    private RegistryHostNames() {
    }

    /** {@code host[:port]} in lowercase with scheme and path removed; Docker Hub's names become {@code docker.io}. */
    public static String normalize(String key) {
        String host = key.strip();
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (isDockerHub(host)) {
            return "docker.io";
        }
        return host;
    }

    public static boolean isDockerHub(String host) {
        return host.equals("docker.io") || host.equals("index.docker.io") || host.equals("registry-1.docker.io");
    }

    /** The key under which new credentials for {@code host} are stored. */
    public static String storeKey(String host) {
        String normalized = normalize(host);
        return normalized.equals("docker.io") ? DOCKER_HUB_KEY : normalized;
    }
}
