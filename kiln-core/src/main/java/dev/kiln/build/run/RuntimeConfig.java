package dev.kiln.build.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the OCI runtime-spec {@code config.json} for one run: the process (args, env, cwd, user,
 * Docker's default capabilities for root and none for other users, rlimits, no-new-privileges off),
 * the root, the namespaces, {@code /proc}, a minimal {@code /dev} (the runtime adds null, zero, full,
 * random, urandom and tty), devpts, shm, mqueue, a read-only {@code /sys}, the {@code /etc} binds and
 * the run's mounts. No cgroup resources: a build step, like buildah's, runs in kiln's cgroup.
 */
final class RuntimeConfig {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RuntimeConfig() {
    }

    static byte[] json(RunSpec spec, String workdir, List<ResolvedMount> resolved) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("ociVersion", "1.0.2");
        config.put("process", process(spec, workdir));
        config.put("root", Map.of("path", spec.rootfs().mountPoint().toString(), "readonly", false));
        config.put("hostname", spec.hostname());
        config.put("mounts", mounts(resolved));
        Map<String, Object> linux = new LinkedHashMap<>();
        List<Map<String, String>> namespaces = new ArrayList<>();
        for (String type : List.of("pid", "ipc", "uts", "mount")) {
            namespaces.add(Map.of("type", type));
        }
        if (spec.network() == Network.NONE) {
            namespaces.add(Map.of("type", "network"));
        }
        linux.put("namespaces", namespaces);
        linux.put("maskedPaths", List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
                "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
                "/sys/firmware", "/proc/scsi"));
        linux.put("readonlyPaths", List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"));
        config.put("linux", linux);
        try {
            return JSON.writeValueAsBytes(config);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the runtime config", e);
        }
    }

    private static Map<String, Object> process(RunSpec spec, String workdir) {
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("terminal", false);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("uid", spec.user().uid());
        user.put("gid", spec.user().gid());
        if (!spec.user().additionalGids().isEmpty()) {
            user.put("additionalGids", spec.user().additionalGids());
        }
        process.put("user", user);
        process.put("args", spec.argv());
        process.put("env", spec.env());
        process.put("cwd", workdir);
        List<String> caps = DefaultCapabilities.ociNames();
        List<String> granted = spec.user().isRoot() ? caps : List.of();
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("bounding", caps);
        capabilities.put("effective", granted);
        capabilities.put("permitted", granted);
        process.put("capabilities", capabilities);
        long files = openFilesLimit();
        process.put("rlimits", List.of(Map.of("type", "RLIMIT_NOFILE", "hard", files, "soft", files)));
        process.put("noNewPrivileges", false);
        return process;
    }

    /**
     * Docker's 1048576 open files, capped at kiln's own hard limit: a runtime cannot raise a limit
     * above what the host allows it.
     */
    private static long openFilesLimit() {
        long wanted = 1048576;
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
                    if (fields.length > 1 && fields[1].chars().allMatch(Character::isDigit)) {
                        return Math.min(wanted, Long.parseLong(fields[1]));
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no /proc: keep Docker's value and let the runtime say if it is too high
        }
        return wanted;
    }

    private static List<Map<String, Object>> mounts(List<ResolvedMount> resolved) {
        List<Map<String, Object>> mounts = new ArrayList<>();
        mounts.add(mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")));
        mounts.add(mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")));
        mounts.add(mount("/dev/pts", "devpts", "devpts",
                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")));
        mounts.add(mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")));
        mounts.add(mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")));
        mounts.add(mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")));
        for (ResolvedMount mount : resolved) {
            if (mount.kind() == ResolvedMount.Kind.SYSTEM) {
                continue;
            }
            if (mount.source() == null) {
                mounts.add(mount(mount.target(), "tmpfs", "tmpfs", List.of(mount.tmpfsOptions().split(","))));
            } else {
                mounts.add(mount(mount.target(), "bind", mount.source().toString(),
                        List.of("rbind", mount.readOnly() ? "ro" : "rw", "nosuid", "nodev")));
            }
        }
        return mounts;
    }

    private static Map<String, Object> mount(String destination, String type, String source, List<String> options) {
        Map<String, Object> mount = new LinkedHashMap<>();
        mount.put("destination", destination);
        mount.put("type", type);
        mount.put("source", source);
        mount.put("options", options);
        return mount;
    }
}
