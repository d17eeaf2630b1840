package dev.kiln.build.run;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link Sandbox} needs to run one process: what to run, as whom, where, and what it
 * sees. Values are already expanded and resolved (ENV applied, USER turned into numbers by
 * {@link ImageUser}, {@code RUN --mount} turned into host paths by {@link RunMounts}).
 *
 * @param rootfs   the root filesystem (a directory or an overlay the sandbox mounts)
 * @param argv     the command; {@code argv[0]} is looked up in the container's PATH by the sandbox
 * @param env      {@code NAME=value} entries, exactly the process environment
 * @param user     numeric user, group and supplementary groups
 * @param workdir  absolute working directory inside the container; created if missing
 * @param mounts   extra mounts (RUN --mount), applied after /proc, /dev and the /etc binds
 * @param network  host network or none (a fresh namespace with only {@code lo})
 * @param hostname the UTS hostname the process sees
 * @param stdin    whether the process reads kiln's standard input ({@code kiln run -i}) or /dev/null
 * @param timeout  kill the process tree after this long; {@code null} for no limit
 */
public record RunSpec(Rootfs rootfs, List<String> argv, List<String> env, ProcessUser user, String workdir,
        List<Mount> mounts, Network network, String hostname, Stdin stdin, Duration timeout) {

    public enum Stdin { NULL, INHERIT }

    public RunSpec {
        Objects.requireNonNull(rootfs, "rootfs");
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("nothing to run: empty command");
        }
        env = List.copyOf(env);
        for (String entry : env) {
            if (entry.indexOf('=') <= 0) {
                throw new IllegalArgumentException("environment entry must be NAME=value: " + entry);
            }
        }
        Objects.requireNonNull(user, "user");
        workdir = ContainerPath.normalize(workdir == null || workdir.isEmpty() ? "/" : workdir);
        mounts = List.copyOf(mounts);
        Objects.requireNonNull(network, "network");
        hostname = hostname == null || hostname.isBlank() ? "kiln" : hostname;
        Objects.requireNonNull(stdin, "stdin");
    }

    /** A spec with root, {@code /}, no mounts, host network, no stdin and no timeout; change it with the withers. */
    public static RunSpec of(Rootfs rootfs, List<String> argv, List<String> env) {
        return new RunSpec(rootfs, argv, env, ProcessUser.ROOT, "/", List.of(), Network.HOST, "kiln", Stdin.NULL, null);
    }

    public RunSpec withUser(ProcessUser value) {
        return new RunSpec(rootfs, argv, env, value, workdir, mounts, network, hostname, stdin, timeout);
    }

    public RunSpec withWorkdir(String value) {
        return new RunSpec(rootfs, argv, env, user, value, mounts, network, hostname, stdin, timeout);
    }

    public RunSpec withMounts(List<Mount> value) {
        return new RunSpec(rootfs, argv, env, user, workdir, value, network, hostname, stdin, timeout);
    }

    public RunSpec withNetwork(Network value) {
        return new RunSpec(rootfs, argv, env, user, workdir, mounts, value, hostname, stdin, timeout);
    }

    public RunSpec withStdin(Stdin value) {
        return new RunSpec(rootfs, argv, env, user, workdir, mounts, network, hostname, value, timeout);
    }

    public RunSpec withTimeout(Duration value) {
        return new RunSpec(rootfs, argv, env, user, workdir, mounts, network, hostname, stdin, value);
    }
}
