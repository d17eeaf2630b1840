package dev.kiln.oci;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code config} object of an image configuration: how to run the image. List fields are null
 * when unset, which differs from an empty list ({@code ENTRYPOINT []} clears an inherited one).
 *
 * @param unknown fields kiln does not model ({@code Hostname}, {@code Image}, ...) as JSON text, written back unchanged
 */
public record ContainerConfig(String user, Set<String> exposedPorts, List<String> env, List<String> entrypoint,
        List<String> cmd, Set<String> volumes, String workingDir, Map<String, String> labels, String stopSignal,
        Boolean argsEscaped, Healthcheck healthcheck, List<String> onBuild, List<String> shell,
        Map<String, String> unknown) {

    public static final ContainerConfig EMPTY = new Builder().build();

    public ContainerConfig {
        exposedPorts = sortedSet(exposedPorts);
        volumes = sortedSet(volumes);
        env = copy(env);
        entrypoint = copy(entrypoint);
        cmd = copy(cmd);
        onBuild = copy(onBuild);
        shell = copy(shell);
        labels = labels == null ? null : Collections.unmodifiableMap(new TreeMap<>(labels));
        unknown = unknown == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(unknown));
    }

    private static List<String> copy(List<String> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    private static Set<String> sortedSet(Set<String> set) {
        return set == null ? null : Collections.unmodifiableSet(new TreeSet<>(set));
    }

    /** The value of an environment variable, if set. */
    public Optional<String> env(String name) {
        if (env == null) {
            return Optional.empty();
        }
        String prefix = name + "=";
        for (int i = env.size() - 1; i >= 0; i--) {
            String entry = env.get(i);
            if (entry.startsWith(prefix)) {
                return Optional.of(entry.substring(prefix.length()));
            }
            if (entry.equals(name)) {
                return Optional.of("");
            }
        }
        return Optional.empty();
    }

    /** A copy with the variable set, replacing an earlier value in place. */
    public ContainerConfig withEnv(String name, String value) {
        List<String> copy = new ArrayList<>();
        boolean replaced = false;
        for (String entry : env == null ? List.<String>of() : env) {
            if (entry.startsWith(name + "=") || entry.equals(name)) {
                if (!replaced) {
                    copy.add(name + "=" + value);
                    replaced = true;
                }
            } else {
                copy.add(entry);
            }
        }
        if (!replaced) {
            copy.add(name + "=" + value);
        }
        return toBuilder().env(copy).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects changes to a config; {@link #build} validates nothing beyond the record's own rules. */
    public static final class Builder {
        private String user;
        private Set<String> exposedPorts;
        private List<String> env;
        private List<String> entrypoint;
        private List<String> cmd;
        private Set<String> volumes;
        private String workingDir;
        private Map<String, String> labels;
        private String stopSignal;
        private Boolean argsEscaped;
        private Healthcheck healthcheck;
        private List<String> onBuild;
        private List<String> shell;
        private Map<String, String> unknown = Map.of();

        private Builder() {
        }

        private Builder(ContainerConfig c) {
            user = c.user;
            exposedPorts = c.exposedPorts;
            env = c.env;
            entrypoint = c.entrypoint;
            cmd = c.cmd;
            volumes = c.volumes;
            workingDir = c.workingDir;
            labels = c.labels;
            stopSignal = c.stopSignal;
            argsEscaped = c.argsEscaped;
            healthcheck = c.healthcheck;
            onBuild = c.onBuild;
            shell = c.shell;
            unknown = c.unknown;
        }

        public Builder user(String value) {
            user = value;
            return this;
        }

        public Builder exposedPorts(Set<String> value) {
            exposedPorts = value;
            return this;
        }

        /** Adds a port ({@code 80} means {@code 80/tcp}). */
        public Builder exposePort(String port) {
            Set<String> set = exposedPorts == null ? new TreeSet<>() : new TreeSet<>(exposedPorts);
            set.add(port.contains("/") ? port : port + "/tcp");
            exposedPorts = set;
            return this;
        }

        public Builder env(List<String> value) {
            env = value;
            return this;
        }

        public Builder entrypoint(List<String> value) {
            entrypoint = value;
            return this;
        }

        public Builder cmd(List<String> value) {
            cmd = value;
            return this;
        }

        public Builder volumes(Set<String> value) {
            volumes = value;
            return this;
        }

        public Builder addVolume(String path) {
            Set<String> set = volumes == null ? new TreeSet<>() : new TreeSet<>(volumes);
            set.add(path);
            volumes = set;
            return this;
        }

        public Builder workingDir(String value) {
            workingDir = value;
            return this;
        }

        public Builder labels(Map<String, String> value) {
            labels = value;
            return this;
        }

        public Builder label(String key, String value) {
            Map<String, String> map = labels == null ? new TreeMap<>() : new TreeMap<>(labels);
            map.put(key, value);
            labels = map;
            return this;
        }

        public Builder stopSignal(String value) {
            stopSignal = value;
            return this;
        }

        public Builder argsEscaped(Boolean value) {
            argsEscaped = value;
            return this;
        }

        public Builder healthcheck(Healthcheck value) {
            healthcheck = value;
            return this;
        }

        public Builder onBuild(List<String> value) {
            onBuild = value;
            return this;
        }

        public Builder shell(List<String> value) {
            shell = value;
            return this;
        }

        public Builder unknown(Map<String, String> value) {
            unknown = value;
            return this;
        }

        public ContainerConfig build() {
            return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels,
                    stopSignal, argsEscaped, healthcheck, onBuild, shell, unknown);
        }
    }
}
