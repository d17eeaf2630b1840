package dev.kiln.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kiln.KilnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code registries:} section of {@code .kiln.yaml} (other sections belong to other parts of
 * kiln and are ignored here):
 * <pre>
 * registries:
 *   mirrors:                 # tried in order before the registry itself, for pulls
 *     docker.io: [mirror.example.com, 127.0.0.1:5001]
 *   insecure: [registry.lan:5000]   # plain HTTP or unverified TLS, like --insecure-registry
 *   certDir: /etc/docker/certs.d    # like --cert-dir
 *   jobs: 4                  # parallel blob transfers, like --jobs
 *   retries: 6               # tries per call, the first included
 *   timeouts: {connect: 30s, response: 60s, idle: 60s}
 * </pre>
 */
public final class RegistrySettings {

    private RegistrySettings() {
    }

    /** Applies the file's settings over {@code base}; a missing file changes nothing. */
    public static RegistryConfig apply(RegistryConfig base, Path file) throws SettingsException {
        if (!Files.isRegularFile(file)) {
            return base;
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            String where = e.getLocation() == null ? ""
                    : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new SettingsException(file + where + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SettingsException(file + ": cannot read: " + e.getMessage());
        }
        JsonNode section = root == null ? null : root.get("registries");
        if (section == null || section.isNull()) {
            return base;
        }
        String where = file + ": registries";
        RegistryConfig config = base;
        JsonNode mirrors = section.path("mirrors");
        if (!mirrors.isMissingNode()) {
            Map<String, List<String>> byHost = new LinkedHashMap<>(config.mirrors());
            for (Iterator<Map.Entry<String, JsonNode>> it = mirrors.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                byHost.put(entry.getKey(), strings(entry.getValue(), where + ".mirrors." + entry.getKey()));
            }
            config = config.withMirrors(byHost);
        }
        if (section.has("insecure")) {
            Set<String> hosts = new HashSet<>(config.insecureHosts());
            hosts.addAll(strings(section.get("insecure"), where + ".insecure"));
            config = config.withInsecureHosts(hosts);
        }
        if (section.hasNonNull("certDir")) {
            config = config.withCertDir(Optional.of(Path.of(section.get("certDir").asText())));
        }
        if (section.has("jobs")) {
            int jobs = section.get("jobs").asInt(0);
            if (jobs < 1 || jobs > 64) {
                throw new SettingsException(where + ".jobs: expected 1 to 64");
            }
            config = config.withParallelism(jobs);
        }
        if (section.has("retries")) {
            int tries = section.get("retries").asInt(0);
            if (tries < 1 || tries > 100) {
                throw new SettingsException(where + ".retries: expected 1 to 100");
            }
            RetryPolicy r = config.retry();
            config = config.withRetry(new RetryPolicy(tries, r.initial(), r.max(), r.maxRetryAfter()));
        }
        JsonNode timeouts = section.path("timeouts");
        if (!timeouts.isMissingNode()) {
            config = config.withTimeouts(
                    duration(timeouts, "connect", config.connectTimeout(), where),
                    duration(timeouts, "response", config.responseTimeout(), where),
                    duration(timeouts, "idle", config.idleTimeout(), where));
        }
        return config;
    }

    private static List<String> strings(JsonNode node, String where) throws SettingsException {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw new SettingsException(where + ": expected host names");
                }
                values.add(item.asText());
            }
        } else {
            throw new SettingsException(where + ": expected a list of host names");
        }
        return values;
    }

    /** {@code 30s}, {@code 2m}, {@code 500ms} or plain seconds. */
    static Duration duration(JsonNode parent, String name, Duration fallback, String where) throws SettingsException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        String text = node.asText().strip();
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            if (text.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new SettingsException(where + ".timeouts." + name + ": expected a duration like 30s, 2m or 500ms");
        }
    }

    /** A malformed {@code registries:} section (exit 2). */
    public static final class SettingsException extends KilnException {
        private static final long serialVersionUID = 1L;

        SettingsException(String message) {
            super(Kind.BAD_INPUT, message);
        }
    }
}
