package dev.kiln.build;

import dev.kiln.KilnException;
import dev.kiln.build.run.ImageUser;
import dev.kiln.build.run.Network;
import dev.kiln.build.run.OutputSink;
import dev.kiln.build.run.RootfsView;
import dev.kiln.build.run.RunResult;
import dev.kiln.build.run.RunSpec;
import dev.kiln.build.run.Sandbox;
import dev.kiln.build.run.SandboxException;
import dev.kiln.build.snapshot.Snapshot;
import dev.kiln.build.snapshot.Snapshotter;
import dev.kiln.image.Image;
import dev.kiln.oci.ContainerConfig;
import dev.kiln.store.UnpackedLayers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code kiln run}: one command in a throwaway root over an image's cached layers, with the image's
 * Entrypoint, Cmd, Env, User and WorkingDir applied as Docker applies them, and the same isolation
 * as RUN steps. Nothing the command writes is kept.
 */
public final class ContainerRun {

    /** Docker's PATH for images that set none. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * What to change from the image's config.
     *
     * @param command    replaces the image's Cmd when not empty
     * @param entrypoint replaces the image's Entrypoint when not null ({@code []} clears it)
     * @param user       replaces the image's User when not null
     * @param workdir    replaces the image's WorkingDir when not null
     * @param env        {@code NAME=value} entries added to (or replacing) the image's Env
     */
    public record Request(List<String> command, List<String> entrypoint, String user, String workdir, List<String> env,
            Network network, RunSpec.Stdin stdin) {

        public Request {
            command = List.copyOf(command);
            entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
            env = List.copyOf(env);
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(stdin, "stdin");
        }
    }

    private ContainerRun() {
    }

    public static RunResult run(Image image, UnpackedLayers layers, Snapshotter snapshotter, Sandbox sandbox, Request request,
            Path scratch, OutputSink output) throws IOException, KilnException, InterruptedException {
        ContainerConfig config = image.config().config() == null ? ContainerConfig.EMPTY : image.config().config();
        List<String> argv = argv(config, request);
        List<Path> lowers = layers.unpack(image);
        Files.createDirectories(scratch);
        Path workspace = Files.createTempDirectory(scratch, "run-");
        try (Snapshot snapshot = snapshotter.prepare(lowers, workspace)) {
            RootfsView view = RootfsView.of(snapshot.rootfs());
            String user = request.user() != null ? request.user() : config.user();
            String workdir = request.workdir() != null ? request.workdir() : config.workingDir();
            List<String> environment = environment(config.env(), request.env());
            String dir = workdir == null || workdir.isEmpty() ? "/" : workdir;
            requireExecutable(view, argv.get(0), environment, dir);
            RunSpec spec = new RunSpec(snapshot.rootfs(), argv, environment,
                    ImageUser.resolve(user, view), dir, List.of(),
                    request.network(), null, request.stdin(), null);
            return sandbox.run(spec, output);
        }
    }

    /**
     * Fails with 127 when the command is not in the image (a name searched along the image's PATH, as
     * the runtime searches it) and 126 when it is a directory or has no execute bit.
     */
    static void requireExecutable(RootfsView view, String command, List<String> environment, String workdir)
            throws IOException, KilnException {
        List<String> candidates = new ArrayList<>();
        if (command.contains("/")) {
            candidates.add(command.startsWith("/") ? command : workdir + "/" + command);
        } else {
            String path = environment.stream().filter(e -> e.startsWith("PATH=")).map(e -> e.substring(5))
                    .reduce((a, b) -> b).orElse(DEFAULT_PATH);
            for (String dir : path.split(":")) {
                candidates.add((dir.isEmpty() ? workdir : dir) + "/" + command);
            }
        }
        for (String candidate : candidates) {
            Optional<Path> found = view.find(candidate, true);
            if (found.isEmpty() || !Files.exists(found.get())) {
                continue;
            }
            if (Files.isRegularFile(found.get())) {
                if (!Files.isExecutable(found.get())) {
                    throw new CommandNotRunnableException(CommandNotRunnableException.NOT_EXECUTABLE,
                            candidate + ": permission denied (not executable)");
                }
                return;
            }
            if (command.contains("/")) {
                throw new CommandNotRunnableException(CommandNotRunnableException.NOT_EXECUTABLE,
                        candidate + ": is a directory");
            }
        }
        throw new CommandNotRunnableException(CommandNotRunnableException.NOT_FOUND, command.contains("/")
                ? command + ": no such file in the image" : command + ": not found in the image's PATH");
    }

    /** Docker's rule: Entrypoint + Cmd, a given command replacing Cmd, a given entrypoint dropping the image's Cmd. */
    static List<String> argv(ContainerConfig config, Request request) throws SandboxException {
        List<String> entrypoint = request.entrypoint() != null ? request.entrypoint() : nonNull(config.entrypoint());
        List<String> cmd = !request.command().isEmpty() ? request.command()
                : request.entrypoint() != null ? List.of() : nonNull(config.cmd());
        List<String> argv = new ArrayList<>(entrypoint);
        argv.addAll(cmd);
        if (argv.isEmpty()) {
            throw new SandboxException(KilnException.Kind.BAD_INPUT,
                    "the image has no Entrypoint or Cmd; give a command to run");
        }
        return argv;
    }

    /** The image's Env with the overrides applied by name, and Docker's PATH when there is none. */
    static List<String> environment(List<String> image, List<String> overrides) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : nonNull(image)) {
            put(env, entry);
        }
        for (String entry : overrides) {
            put(env, entry);
        }
        env.putIfAbsent("PATH", DEFAULT_PATH);
        List<String> result = new ArrayList<>();
        env.forEach((k, v) -> result.add(k + "=" + v));
        return result;
    }

    private static void put(Map<String, String> env, String entry) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
    }

    private static List<String> nonNull(List<String> list) {
        return list == null ? List.of() : list;
    }
}
