package dev.kiln.build.executor;

import dev.kiln.KilnException;
import dev.kiln.build.context.BuildException;
import dev.kiln.build.run.MountRequest;
import dev.kiln.build.run.Network;
import dev.kiln.build.run.OutputSink;
import dev.kiln.dockerfile.ast.Command;
import dev.kiln.dockerfile.ast.Heredoc;
import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.RunMount;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.dockerfile.expand.BuildArgs;
import dev.kiln.dockerfile.expand.StageScope;
import dev.kiln.event.LogEvent;
import dev.kiln.tar.EntryPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A RUN instruction: its argv (exec form, or the stage's SHELL with the script; a lone heredoc is the
 * script itself, and one starting with {@code #!} runs as a file), its environment (ENV and the ARGs
 * it sees, PATH defaulted), user, working directory and mounts; keyed by all of those except secret
 * contents and the predefined proxy args, as BuildKit keys it.
 */
final class RunInstructionStep {

    /** Where a heredoc script with a {@code #!} line is mounted for its run (never part of a layer). */
    static final String HEREDOC_SCRIPT = "/run/kiln-heredoc-script";

    private final StageExecutor stage;
    private final StageState state;
    private final StageScope scope;
    private final RunInstruction run;

    RunInstructionStep(StageExecutor stage, StageState state, StageScope scope, RunInstruction run) {
        this.stage = stage;
        this.state = state;
        this.scope = scope;
        this.run = run;
    }

    void execute() throws IOException, KilnException, InterruptedException {
        BuildServices services = stage.services();
        String where = stage.where(run);
        Map<String, String> env = new LinkedHashMap<>(scope.runEnvironment());
        env.putIfAbsent("PATH", StageState.DEFAULT_PATH);
        Path scriptFile = null;
        List<String> argv;
        String display;
        List<Heredoc> heredocs = run.heredocs();
        if (run.command() instanceof Command.Exec exec) {
            argv = exec.arguments().stream().map(Word::value).toList();
            display = String.join(" ", argv);
        } else {
            String script = ((Command.Shell) run.command()).script().value();
            if (heredocs.size() == 1 && script.strip().startsWith("<<") && !script.strip().contains(" ")) {
                // RUN <<EOF: the body is the script (BuildKit runs a lone heredoc through the shell)
                script = heredocs.get(0).strippedContent();
            } else if (!heredocs.isEmpty()) {
                StringBuilder full = new StringBuilder(script);
                for (Heredoc heredoc : heredocs) {
                    full.append('\n').append(heredoc.content()).append(heredoc.name());
                }
                script = full.toString();
            }
            if (script.startsWith("#!") && heredocs.size() == 1) {
                // a heredoc with its own interpreter runs as a file, as BuildKit runs it
                scriptFile = Files.createTempFile(Files.createDirectories(services.scratch()), "heredoc-", "");
                Files.writeString(scriptFile, script, StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(scriptFile, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                argv = List.of(HEREDOC_SCRIPT);
            } else {
                argv = new ArrayList<>(state.shell());
                argv.add(script);
            }
            display = String.join(" ", argv);
        }
        String network = run.network().isPresent() ? scope.expand(run.network().get(), runWord()) : "default";
        Network mode = switch (network) {
            case "none" -> Network.NONE;
            case "host" -> Network.HOST;
            case "default" -> services.network();
            default -> throw new BuildException(where + ": unsupported RUN --network=" + network);
        };
        List<MountRequest> mounts = new ArrayList<>();
        if (scriptFile != null) {
            mounts.add(new MountRequest.Bind(scriptFile, HEREDOC_SCRIPT, false));
        }
        Map<String, String> mountKeys = new LinkedHashMap<>();
        Map<String, String> secretEnv = new LinkedHashMap<>();
        int n = 0;
        for (RunMount mount : run.mounts()) {
            mountKeys.put("mount." + n++, mount(mount, mounts, secretEnv, where));
        }
        Map<String, String> inputs = new LinkedHashMap<>(mountKeys);
        if (scriptFile != null) {
            inputs.put("script", heredocs.get(0).content());
        }
        env.forEach((k, v) -> {
            if (!BuildArgs.PROXY_ARGS.contains(k)) {
                inputs.put("env." + k, v);
            }
        });
        String user = state.config().user() == null ? "" : state.config().user();
        inputs.put("user", user);
        inputs.put("workdir", state.workdir());
        inputs.put("network", mode.name());
        String createdBy = "RUN " + display + " # buildkit";
        List<String> processEnv = new ArrayList<>();
        env.forEach((k, v) -> processEnv.add(k + "=" + v));
        secretEnv.forEach((k, v) -> processEnv.add(k + "=" + v));
        List<String> finalArgv = argv;
        String shown = display.contains("\n") ? display.substring(0, display.indexOf('\n')) + " ..." : display;
        stage.layerStep(state, "RUN", createdBy, inputs, "RUN " + shown, () -> {
            // a cached RUN needs no emulation; one that runs needs the image's platform to run here
            Emulation.ofHost().requireRunnable(state.draft.config().platform(), where + " RUN");
            List<Path> lowers = new StageResult(stage.stageLabel(), state.draft, state.key, state.lastCreated)
                    .lowerDirs(services.lowers());
            RunStep.Command command = new RunStep.Command(where + " RUN", display, finalArgv, processEnv, user,
                    state.workdir(), mounts, mode);
            return services.runner().get().run(lowers, command, new LineOutput(services, stage.stageLabel()));
        });
    }

    /** Numbers the default targets of ssh mounts, {@code /run/buildkit/ssh_agent.N}, as BuildKit does. */
    private int sshMounts;

    /** Where expansion errors in flags are reported. */
    private Word runWord() {
        return new Word("", "", run.range());
    }

    /** Adds the sandbox mount for one {@code --mount} and returns its part of the cache key. */
    private String mount(RunMount mount, List<MountRequest> out, Map<String, String> secretEnv, String where)
            throws IOException, KilnException, InterruptedException {
        BuildServices services = stage.services();
        Word at = runWord();
        if (mount instanceof RunMount.Cache cache) {
            String target = scope.expand(cache.target().orElseThrow(), at);
            String id = cache.id().map(v -> expandQuiet(v, at)).orElse(target);
            MountRequest.Sharing sharing = MountRequest.Sharing.valueOf(cache.sharing().name());
            int mode = cache.mode().map(v -> Integer.parseInt(v, 8)).orElse(0755);
            int uid = cache.uid().map(Integer::parseInt).orElse(0);
            int gid = cache.gid().map(Integer::parseInt).orElse(0);
            out.add(new MountRequest.Cache(id, target, sharing, cache.readOnly(), uid, gid, mode));
            return "cache " + id + " " + target + " " + sharing + " " + cache.readOnly();
        }
        if (mount instanceof RunMount.Tmpfs tmpfs) {
            String target = scope.expand(tmpfs.target().orElseThrow(), at);
            long size = tmpfs.size().map(RunInstructionStep::bytes).orElse(0L);
            out.add(new MountRequest.Tmpfs(target, size));
            return "tmpfs " + target + " " + size;
        }
        if (mount instanceof RunMount.Secret secret) {
            String id = RequiredMounts.secretId(secret);
            Path source = services.secrets().get(id);
            if (source == null) {
                if (secret.required()) {
                    throw RequiredMounts.missingSecret(where, id);
                }
                return "secret " + id + " absent";
            }
            if (secret.env().isPresent()) {
                secretEnv.put(secret.env().get(), Files.readString(source, StandardCharsets.UTF_8).strip());
                if (secret.target().isEmpty()) {
                    return "secret " + id + " env " + secret.env().get();
                }
            }
            int mode = number(secret.mode(), 8, 0400, "mode", where);
            int uid = number(secret.uid(), 10, 0, "uid", where);
            int gid = number(secret.gid(), 10, 0, "gid", where);
            out.add(new MountRequest.Secret(id, source, secret.target().orElse(null), uid, gid, mode));
            return "secret " + id + " " + secret.target().orElse("") + " " + secret.env().orElse("")
                    + " " + uid + ":" + gid + " " + Integer.toOctalString(mode);
        }
        if (mount instanceof RunMount.Ssh ssh) {
            String id = ssh.id().map(v -> expandQuiet(v, at)).filter(v -> !v.isEmpty()).orElse("default");
            String target = ssh.target().map(v -> expandQuiet(v, at)).orElse("/run/buildkit/ssh_agent." + sshMounts++);
            Path agent = services.sshAgents().get(id);
            if (agent == null) {
                if (ssh.required()) {
                    throw RequiredMounts.missingSsh(where, id);
                }
                return "ssh " + id + " absent";
            }
            int mode = ssh.mode().map(v -> Integer.parseInt(v, 8)).orElse(0600);
            int uid = ssh.uid().map(Integer::parseInt).orElse(0);
            int gid = ssh.gid().map(Integer::parseInt).orElse(0);
            out.add(new MountRequest.Ssh(id, agent, target, uid, gid, mode));
            secretEnv.putIfAbsent("SSH_AUTH_SOCK", target);
            return "ssh " + id + " " + target + " " + uid + ":" + gid + " " + Integer.toOctalString(mode);
        }
        if (mount instanceof RunMount.Bind bind) {
            String target = scope.expand(bind.target().orElseThrow(), at);
            String source = EntryPaths.clean(bind.source().map(v -> expandQuiet(v, at)).orElse(""));
            SourceTree tree;
            String fromKey;
            if (bind.from().isPresent()) {
                StageResult from = CopyStep.resolveFrom(stage, expandQuiet(bind.from().get(), at), run);
                List<Path> dirs = from.lowerDirs(services.lowers());
                tree = new StageTree(from.name(), dirs);
                fromKey = from.key().hex();
            } else {
                tree = services.context();
                fromKey = "context";
            }
            Path host = Materialize.subtree(tree, source, services.scratch(), where);
            out.add(new MountRequest.Bind(host, target, bind.readWrite()));
            String digest = bind.from().isPresent() ? fromKey : SourceDigest.ofTree(tree, List.of(source), dev.kiln.build.context.DockerIgnore.NONE, where);
            return "bind " + source + " " + target + " " + bind.readWrite() + " " + digest;
        }
        throw new BuildException(where + ": RUN --mount=type=" + mount.type() + " is not supported");
    }

    /** A {@code --mount} number after expansion; a value a variable made bad is the Dockerfile's error. */
    private int number(Optional<String> text, int radix, int otherwise, String option, String where) throws KilnException {
        if (text.isEmpty()) {
            return otherwise;
        }
        String value = scope.expand(text.get(), runWord());
        try {
            int n = Integer.parseInt(value, radix);
            if (n < 0 || (option.equals("mode") && n > 07777)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BuildException(where + ": RUN --mount " + option + "=" + value + " is not a valid "
                    + (radix == 8 ? "octal mode" : "number"));
        }
    }

    private String expandQuiet(String text, Word at) {
        try {
            return scope.expand(text, at);
        } catch (KilnException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static long bytes(String size) {
        String s = size.strip().toLowerCase(java.util.Locale.ROOT);
        long factor = 1;
        if (s.endsWith("k") || s.endsWith("kb")) {
            factor = 1024;
        } else if (s.endsWith("m") || s.endsWith("mb")) {
            factor = 1024 * 1024;
        } else if (s.endsWith("g") || s.endsWith("gb")) {
            factor = 1024L * 1024 * 1024;
        }
        return Long.parseLong(s.replaceAll("[^0-9]", "")) * factor;
    }

    /** Turns a RUN's output into log lines ({@code #stage | line}) as it comes. */
    static final class LineOutput implements OutputSink {
        private final BuildServices services;
        private final String label;
        private final StringBuilder pending = new StringBuilder();

        LineOutput(BuildServices services, String label) {
            this.services = services;
            this.label = label;
        }

        @Override
        public synchronized void write(Stream stream, byte[] bytes, int length) {
            pending.append(new String(bytes, 0, length, StandardCharsets.UTF_8));
            int newline;
            while ((newline = pending.indexOf("\n")) >= 0) {
                services.events().accept(LogEvent.info("[" + label + "] " + pending.substring(0, newline)));
                pending.delete(0, newline + 1);
            }
        }
    }
}
