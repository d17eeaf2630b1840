package dev.kiln.dockerfile.expand;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --build-arg NAME=value} values and the platforms. Only ARGs a Dockerfile declares take a build
 * arg, except the predefined proxy ARGs, which reach RUN's environment without a declaration.
 */
public record BuildArgs(Map<String, String> values, Platforms platforms) {

    /** The predefined proxy ARGs (Dockerfile reference, "Predefined ARGs"). */
    public static final Set<String> PROXY_ARGS = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    public BuildArgs {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static BuildArgs none() {
        return new BuildArgs(Map.of(), Platforms.host());
    }

    public static BuildArgs of(Map<String, String> values) {
        return new BuildArgs(values, Platforms.host());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
