package dev.kiln.build.executor;

import dev.kiln.KilnException;
import dev.kiln.build.cache.CacheEntry;
import dev.kiln.build.cache.CacheKey;
import dev.kiln.build.context.BuildException;
import dev.kiln.dockerfile.ast.ArgInstruction;
import dev.kiln.dockerfile.ast.CmdInstruction;
import dev.kiln.dockerfile.ast.Command;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.EntrypointInstruction;
import dev.kiln.dockerfile.ast.EnvInstruction;
import dev.kiln.dockerfile.ast.ExposeInstruction;
import dev.kiln.dockerfile.ast.HealthcheckInstruction;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.KeyValue;
import dev.kiln.dockerfile.ast.LabelInstruction;
import dev.kiln.dockerfile.ast.MaintainerInstruction;
import dev.kiln.dockerfile.ast.OnbuildInstruction;
import dev.kiln.dockerfile.ast.Printer;
import dev.kiln.dockerfile.ast.ShellInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.ast.StopsignalInstruction;
import dev.kiln.dockerfile.ast.UserInstruction;
import dev.kiln.dockerfile.ast.VolumeInstruction;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.dockerfile.ast.WorkdirInstruction;
import dev.kiln.dockerfile.expand.StageScope;
import dev.kiln.dockerfile.parser.DockerfileParser;
import dev.kiln.event.ProgressEvent;
import dev.kiln.oci.ContainerConfig;
import dev.kiln.oci.Healthcheck;
import dev.kiln.oci.History;
import dev.kiln.tar.EntryPaths;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds one stage: ONBUILD triggers of its base first, then each instruction in order with
 * BuildKit's scoping. Config-only instructions change the config and add an {@code empty_layer}
 * history entry; RUN, COPY, ADD and WORKDIR (when it must create the directory) are layer steps
 * looked up in the cache by key first, and run only on a miss.
 */
public final class StageExecutor {

    /** Makes a layer step's result on a cache miss. */
    @FunctionalInterface
    interface LayerMaker {
        Optional<LayerOutput.Written> make() throws IOException, KilnException, InterruptedException;
    }

    private final BuildServices services;
    private final Dockerfile dockerfile;
    private final StageResolver resolver;
    private final String stageLabel;

    public StageExecutor(BuildServices services, Dockerfile dockerfile, StageResolver resolver, String stageLabel) {
        this.services = services;
        this.dockerfile = dockerfile;
        this.resolver = resolver;
        this.stageLabel = stageLabel;
    }

    BuildServices services() {
        return services;
    }

    Dockerfile dockerfile() {
        return dockerfile;
    }

    StageResolver resolver() {
        return resolver;
    }

    /** Runs the stage on top of {@code base} and returns what it made. */
    public StageResult execute(Stage stage, StageScope scope, StageResult base)
            throws IOException, KilnException, InterruptedException {
        StageState state = new StageState(base);
        if (state.config().env("PATH").isEmpty()) {
            // as BuildKit and buildah: a stage whose base sets no PATH gets the default one, first
            List<String> env = new ArrayList<>();
            env.add("PATH=" + StageState.DEFAULT_PATH);
            if (state.config().env() != null) {
                env.addAll(state.config().env());
            }
            state.edit(c -> c.toBuilder().env(env).build());
        }
        scope.inheritEnvironment(envMap(state.config().env()));
        List<String> triggers = state.config().onBuild();
        if (triggers != null && !triggers.isEmpty()) {
            state.edit(c -> c.toBuilder().onBuild(null).build());
            for (String trigger : triggers) {
                Dockerfile parsed = DockerfileParser.parse("ONBUILD " + trigger, "FROM scratch\n" + trigger + "\n");
                for (Instruction instruction : parsed.stages().get(0).instructions()) {
                    located(where(stage.from()) + " (base image's ONBUILD " + instruction.keyword() + ")",
                            () -> step(state, scope, instruction, stage));
                }
            }
        }
        for (Instruction instruction : stage.instructions()) {
            located(where(instruction) + " " + instruction.keyword(), () -> step(state, scope, instruction, stage));
        }
        return new StageResult(stageLabel, state.draft, state.key, state.lastCreated);
    }

    /** A step of a stage. */
    @FunctionalInterface
    private interface Step {
        void run() throws IOException, KilnException, InterruptedException;
    }

    /**
     * Runs a step; an error that does not say where it happened (a user missing from /etc/passwd, an
     * unknown COPY --from image) gets the step's Dockerfile location in front, keeping its kind.
     */
    private void located(String location, Step step) throws IOException, KilnException, InterruptedException {
        try {
            step.run();
        } catch (IOException | KilnException e) {
            BuildException located = e.getMessage() != null && e.getMessage().startsWith(dockerfile.fileName() + ":")
                    ? null : BuildException.at(location, e);
            if (located == null) {
                throw e;
            }
            throw located;
        }
    }

    private void step(StageState state, StageScope scope, Instruction instruction, Stage stage)
            throws IOException, KilnException, InterruptedException {
        if (instruction instanceof dev.kiln.dockerfile.ast.RunInstruction run) {
            new RunInstructionStep(this, state, scope, run).execute();
        } else if (instruction instanceof dev.kiln.dockerfile.ast.CopyInstruction
                || instruction instanceof dev.kiln.dockerfile.ast.AddInstruction) {
            new CopyStep(this, state, scope, instruction, stage).execute();
        } else if (instruction instanceof WorkdirInstruction workdir) {
            workdir(state, scope, workdir);
        } else {
            configOnly(state, scope, instruction);
        }
        scope.apply(instruction);
    }

    private void configOnly(StageState state, StageScope scope, Instruction instruction) throws KilnException {
        if (instruction instanceof ArgInstruction) {
            return; // BuildKit records no history for ARG; RUN keys include the values it sees
        }
        if (instruction instanceof EnvInstruction env) {
            Map<String, String> values = new LinkedHashMap<>();
            for (KeyValue kv : env.pairs()) {
                values.put(scope.expand(kv.key()), scope.expand(kv.value()));
            }
            ContainerConfig config = state.config();
            StringBuilder text = new StringBuilder("ENV");
            for (Map.Entry<String, String> e : values.entrySet()) {
                config = config.withEnv(e.getKey(), e.getValue());
                text.append(' ').append(e.getKey()).append('=').append(e.getValue());
            }
            ContainerConfig updated = config;
            state.edit(c -> updated);
            state.configStep(text.toString());
        } else if (instruction instanceof LabelInstruction label) {
            Map<String, String> labels = new TreeMap<>(state.config().labels() == null ? Map.of() : state.config().labels());
            StringBuilder text = new StringBuilder("LABEL");
            for (KeyValue kv : label.pairs()) {
                String k = scope.expand(kv.key());
                String v = scope.expand(kv.value());
                labels.put(k, v);
                text.append(' ').append(k).append('=').append(v);
            }
            state.edit(c -> c.toBuilder().labels(labels).build());
            state.configStep(text.toString());
        } else if (instruction instanceof ExposeInstruction expose) {
            LinkedHashSet<String> ports = new LinkedHashSet<>(
                    state.config().exposedPorts() == null ? List.of() : state.config().exposedPorts());
            List<String> added = new ArrayList<>();
            for (Word word : expose.ports()) {
                for (String port : scope.expand(word).split("\\s+")) {
                    if (!port.isEmpty()) {
                        String normal = port.contains("/") ? port.toLowerCase(java.util.Locale.ROOT) : port + "/tcp";
                        ports.add(normal);
                        added.add(normal);
                    }
                }
            }
            state.edit(c -> c.toBuilder().exposedPorts(ports).build());
            state.configStep("EXPOSE " + String.join(" ", added));
        } else if (instruction instanceof VolumeInstruction volume) {
            LinkedHashSet<String> volumes = new LinkedHashSet<>(
                    state.config().volumes() == null ? List.of() : state.config().volumes());
            List<String> added = new ArrayList<>();
            for (Word word : volume.paths()) {
                String path = scope.expand(word);
                if (path.isBlank()) {
                    throw new BuildException(where(instruction) + ": VOLUME specified can not be an empty string");
                }
                volumes.add(path);
                added.add(path);
            }
            state.edit(c -> c.toBuilder().volumes(volumes).build());
            state.configStep("VOLUME [" + String.join(" ", added) + "]");
        } else if (instruction instanceof UserInstruction user) {
            String value = scope.expand(user.user());
            state.edit(c -> c.toBuilder().user(value).build());
            state.configStep("USER " + value);
        } else if (instruction instanceof CmdInstruction cmd) {
            List<String> argv = commandArgv(state, cmd.command());
            state.edit(c -> c.toBuilder().cmd(argv).build());
            state.cmdSetHere = true;
            state.configStep("CMD " + jsonList(argv));
        } else if (instruction instanceof EntrypointInstruction entrypoint) {
            List<String> argv = commandArgv(state, entrypoint.command());
            boolean clearCmd = !state.cmdSetHere;
            state.edit(c -> {
                ContainerConfig.Builder b = c.toBuilder().entrypoint(argv);
                return clearCmd ? b.cmd(null).build() : b.build();
            });
            state.configStep("ENTRYPOINT " + jsonList(argv));
        } else if (instruction instanceof ShellInstruction shell) {
            List<String> argv = shell.arguments().stream().map(Word::value).toList();
            state.edit(c -> c.toBuilder().shell(argv).build());
            state.configStep("SHELL " + jsonList(argv));
        } else if (instruction instanceof StopsignalInstruction stop) {
            String signal = scope.expand(stop.signal());
            state.edit(c -> c.toBuilder().stopSignal(signal).build());
            state.configStep("STOPSIGNAL " + signal);
        } else if (instruction instanceof HealthcheckInstruction health) {
            Healthcheck check = healthcheck(state, health);
            state.edit(c -> c.toBuilder().healthcheck(check).build());
            state.configStep("HEALTHCHECK " + jsonList(check.test()));
        } else if (instruction instanceof MaintainerInstruction maintainer) {
            String author = scope.expand(maintainer.name());
            state.draft = state.draft.withImageConfig(c -> c.withAuthor(author));
            state.configStep("MAINTAINER " + author);
        } else if (instruction instanceof OnbuildInstruction onbuild) {
            String trigger = Printer.print(onbuild.trigger(), dockerfile.escape()).strip();
            List<String> triggers = new ArrayList<>(state.config().onBuild() == null ? List.of() : state.config().onBuild());
            triggers.add(trigger);
            state.edit(c -> c.toBuilder().onBuild(triggers).build());
            state.configStep("ONBUILD " + trigger);
        } else {
            throw new BuildException(where(instruction) + ": " + instruction.keyword() + " is not supported here");
        }
    }

    private static Healthcheck healthcheck(StageState state, HealthcheckInstruction health) {
        if (health.none()) {
            return new Healthcheck(List.of("NONE"), null, null, null, null, null);
        }
        Command command = health.test().orElseThrow();
        List<String> test = new ArrayList<>();
        if (command instanceof Command.Exec exec) {
            test.add("CMD");
            exec.arguments().forEach(w -> test.add(w.value()));
        } else {
            test.add("CMD-SHELL");
            test.add(((Command.Shell) command).script().value());
        }
        return new Healthcheck(test, health.interval().orElse(null), health.timeout().orElse(null),
                health.startPeriod().orElse(null), health.startInterval().orElse(null),
                health.retries().isPresent() ? health.retries().getAsInt() : null);
    }

    private void workdir(StageState state, StageScope scope, WorkdirInstruction instruction)
            throws IOException, KilnException, InterruptedException {
        String value = scope.expand(instruction.path());
        String dir = value.startsWith("/") ? value : join(state.workdir(), value);
        String path = "/" + EntryPaths.clean(dir);
        state.edit(c -> c.toBuilder().workingDir(path).build());
        String createdBy = "WORKDIR " + path;
        layerStep(state, "WORKDIR", createdBy, Map.of(), "WORKDIR " + path, () -> {
            if (path.equals("/")) {
                return Optional.empty();
            }
            List<Path> lowers = new StageResult(stageLabel, state.draft, state.key, state.lastCreated).lowerDirs(services.lowers());
            dev.kiln.build.run.RootfsView view = dev.kiln.build.run.RootfsView.ofLayers(lowers);
            Optional<Path> existing = view.find(path, true);
            if (existing.isPresent() && Files.isDirectory(existing.get(), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            Instant now = services.now();
            List<LayerEntry> entries = new ArrayList<>();
            String resolved = EntryPaths.clean(view.resolve(path));
            String prefix = "";
            for (String segment : resolved.split("/")) {
                prefix = prefix.isEmpty() ? segment : prefix + "/" + segment;
                Optional<Path> entry = view.entry("/" + prefix);
                if (entry.isEmpty()) {
                    entries.add(LayerEntry.builder(prefix, EntryType.DIRECTORY).mode(0755).mtime(now).build());
                }
            }
            return Optional.of(services.output().write(writer -> {
                for (LayerEntry entry : entries) {
                    writer.add(entry);
                }
            }));
        });
    }

    /**
     * A step that may make a layer: taken from the cache when its key is there, else made and recorded.
     * Afterwards the stage's key is the step's.
     */
    void layerStep(StageState state, String kind, String createdBy, Map<String, String> inputs, String display,
            LayerMaker maker) throws IOException, KilnException, InterruptedException {
        CacheKey key = state.key.next(kind, createdBy, inputs);
        String id = "#" + services.counters().nextStep();
        String action = "[" + stageLabel + "] " + display;
        Optional<CacheEntry> hit = services.cache().find(key);
        CacheEntry entry;
        if (hit.isPresent()) {
            entry = hit.get();
            services.counters().cached();
            services.events().accept(new ProgressEvent(id, action, 0, -1, ProgressEvent.State.CACHED));
        } else {
            services.events().accept(new ProgressEvent(id, action, 0, -1, ProgressEvent.State.STARTED));
            Instant created = services.now();
            try {
                Optional<LayerOutput.Written> written = maker.make();
                entry = written.isPresent()
                        ? CacheEntry.ofLayer(written.get().descriptor(), written.get().diffId(), created)
                        : CacheEntry.noLayer(created);
            } catch (IOException | KilnException | InterruptedException | RuntimeException e) {
                services.events().accept(new ProgressEvent(id, action, 0, -1, ProgressEvent.State.FAILED));
                throw e;
            }
            services.counters().ran(kind.equals("RUN"));
            services.cache().record(key, entry);
            services.events().accept(new ProgressEvent(id, action, 0, -1, ProgressEvent.State.DONE));
        }
        if (entry.layer().isPresent()) {
            state.draft = state.draft.appendLayer(entry.layer().get(), entry.diffId().get(),
                    History.of(entry.created(), createdBy));
        } else {
            state.draft = state.draft.appendHistory(History.emptyLayer(entry.created(), createdBy));
        }
        state.key = key;
        state.lastCreated = entry.created();
    }

    String stageLabel() {
        return stageLabel;
    }

    /** The argv of CMD, ENTRYPOINT: exec form as written, shell form through the stage's SHELL. */
    static List<String> commandArgv(StageState state, Command command) {
        if (command instanceof Command.Exec exec) {
            return exec.arguments().stream().map(Word::value).toList();
        }
        List<String> argv = new ArrayList<>(state.shell());
        argv.add(((Command.Shell) command).script().value());
        return argv;
    }

    static String jsonList(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append(']').toString();
    }

    static Map<String, String> envMap(List<String> env) {
        Map<String, String> map = new LinkedHashMap<>();
        if (env != null) {
            for (String entry : env) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    map.put(entry.substring(0, eq), entry.substring(eq + 1));
                } else {
                    map.put(entry, "");
                }
            }
        }
        return map;
    }

    static String join(String dir, String rel) {
        return dir.endsWith("/") ? dir + rel : dir + "/" + rel;
    }

    String where(Instruction instruction) {
        return dockerfile.fileName() + ":" + instruction.range().start().line();
    }
}
