package dev.kiln.cli;

import dev.kiln.registry.auth.RegistryHostNames;

/** A registry host as typed on the command line ({@code https://ghcr.io/}, {@code docker.io}, {@code 127.0.0.1:5000}). */
final class RegistryHost {

    private RegistryHost() {
    }

    static String of(String typed) {
        String host = RegistryHostNames.normalize(typed);
        if (host.isEmpty() || host.contains(" ")) {
            throw new IllegalArgumentException("not a registry host: '" + typed + "'");
        }
        return host;
    }
}
