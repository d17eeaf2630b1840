package dev.kiln.lint;

import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.OnbuildInstruction;
import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.ShellInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.dockerfile.expand.BuildArgs;
import dev.kiln.dockerfile.expand.ExpansionException;
import dev.kiln.dockerfile.expand.GlobalScope;
import dev.kiln.dockerfile.expand.WordExpander;
import dev.kiln.dockerfile.parser.DockerfileParseException;
import dev.kiln.dockerfile.shell.ShellScript;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What rules read: the parsed Dockerfile, the settings, the pragmas, and derived facts computed once
 * per file (each RUN's shell commands, which stages end up in the final image, each stage's base
 * image with global ARG defaults expanded). Not thread-safe; one per file.
 */
public final class LintContext {

    private static final Set<String> POSIX_SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "busybox",
            "mksh");

    private final Dockerfile dockerfile;
    private final LintConfig config;
    private final Pragmas pragmas;
    private final Map<Instruction, ShellScript> scripts = new IdentityHashMap<>();
    /** Instruction → its stage, ONBUILD triggers included (identity: records compare deeply, which is slow). */
    private final Map<Instruction, Stage> stageIndex = new IdentityHashMap<>();
    private final Map<Instruction, Stage> triggerIndex = new IdentityHashMap<>();
    private final Map<Stage, List<Stage>> ancestries = new IdentityHashMap<>();
    private GlobalScope globals;
    private boolean globalsFailed;

    /**
     * The context of one file. Reads the shell commands of every RUN and shell-form CMD/ENTRYPOINT
     * (ONBUILD triggers too) up front, so a script kiln cannot read is one located error before any
     * rule runs.
     */
    public static LintContext of(Dockerfile dockerfile, LintConfig config) throws DockerfileParseException {
        LintContext context = new LintContext(dockerfile, config);
        List<Instruction> all = new ArrayList<>(context.stageIndex.keySet());
        all.addAll(context.triggerIndex.keySet());
        for (Instruction i : all) {
            Stage stage = context.containingStage(i).orElseThrow();
            if (context.isPosixShell(stage, i)) {
                context.scripts.put(i, ShellScript.of(dockerfile, i));
            }
        }
        return context;
    }

    private LintContext(Dockerfile dockerfile, LintConfig config) {
        this.dockerfile = dockerfile;
        this.config = config;
        this.pragmas = Pragmas.of(dockerfile);
        for (Stage s : dockerfile.stages()) {
            stageIndex.put(s.from(), s);
            for (Instruction i : s.instructions()) {
                stageIndex.put(i, s);
                if (i instanceof OnbuildInstruction on) {
                    triggerIndex.put(on.trigger(), s);
                }
            }
        }
    }

    public Dockerfile dockerfile() {
        return dockerfile;
    }

    public LintConfig config() {
        return config;
    }

    public Pragmas pragmas() {
        return pragmas;
    }

    public String source() {
        return dockerfile.source();
    }

    public List<Stage> stages() {
        return dockerfile.stages();
    }

    public Stage finalStage() {
        List<Stage> stages = dockerfile.stages();
        return stages.get(stages.size() - 1);
    }

    /** The stage a FROM names, if it names an earlier stage rather than an image. */
    public Optional<Stage> parentStage(Stage stage) {
        Optional<Stage> named = dockerfile.referencedStage(stage.baseImage().value(), stage.index());
        if (named.isPresent() || !stage.baseImage().hasVariable()) {
            return named;
        }
        // FROM binaries-$TARGETOS names a stage once the global ARGs (and platform ARGs) are expanded
        return expandGlobal(stage.baseImage()).flatMap(ref -> dockerfile.referencedStage(ref, stage.index()));
    }

    /** The stage and the earlier stages it is built FROM, nearest first. */
    public List<Stage> ancestry(Stage stage) {
        List<Stage> known = ancestries.get(stage);
        if (known != null) {
            return known;
        }
        List<Stage> chain = new ArrayList<>();
        boolean[] seen = new boolean[dockerfile.stages().size()];
        Optional<Stage> s = Optional.of(stage);
        while (s.isPresent() && !seen[s.get().index()]) {
            seen[s.get().index()] = true;
            chain.add(s.get());
            s = parentStage(s.get());
        }
        List<Stage> result = List.copyOf(chain);
        ancestries.put(stage, result);
        return result;
    }

    /** True if the stage's layers end up in the final image (the last stage and what it is built FROM). */
    public boolean inFinalImage(Stage stage) {
        return ancestry(finalStage()).stream().anyMatch(s -> s.index() == stage.index());
    }

    /** The image at the root of a stage's ancestry, with global ARG defaults expanded; empty if not knowable. */
    public Optional<ImageName> rootImage(Stage stage) {
        List<Stage> chain = ancestry(stage);
        return baseImage(chain.get(chain.size() - 1));
    }

    /**
     * The stage's FROM image with global ARG defaults expanded; empty when it names a stage, is
     * {@code scratch}, or uses a variable without a default.
     */
    public Optional<ImageName> baseImage(Stage stage) {
        if (parentStage(stage).isPresent()) {
            return Optional.empty();
        }
        return expandGlobal(stage.baseImage()).filter(s -> !s.isBlank() && !s.equalsIgnoreCase("scratch"))
                .map(ImageName::parse);
    }

    /** A FROM-line word expanded with the global ARG defaults; empty if a variable it uses has none. */
    public Optional<String> expandGlobal(Word word) {
        if (!word.hasVariable()) {
            return Optional.of(word.value());
        }
        GlobalScope scope = globals();
        if (scope == null) {
            return Optional.empty();
        }
        boolean[] missing = {false};
        try {
            String value = new WordExpander(dockerfile.escape()).expand(word.raw(), name -> {
                Optional<String> v = scope.lookup(name);
                if (v.isEmpty()) {
                    missing[0] = true;
                }
                return v;
            });
            return missing[0] ? Optional.empty() : Optional.of(value);
        } catch (ExpansionException e) {
            return Optional.empty();
        }
    }

    private GlobalScope globals() {
        if (globals == null && !globalsFailed) {
            try {
                globals = GlobalScope.of(dockerfile, BuildArgs.none());
            } catch (DockerfileParseException e) {
                globalsFailed = true;
            }
        }
        return globals;
    }

    /** The stage holding an instruction (global ARGs have none). */
    public Optional<Stage> stageOf(Instruction instruction) {
        return Optional.ofNullable(stageIndex.get(instruction));
    }

    /** The RUNs of a stage in order, ONBUILD RUN triggers included when asked. */
    public List<RunInstruction> runs(Stage stage, boolean withTriggers) {
        List<RunInstruction> out = new ArrayList<>();
        for (Instruction i : stage.instructions()) {
            if (i instanceof RunInstruction run) {
                out.add(run);
            } else if (withTriggers && i instanceof OnbuildInstruction on && on.trigger() instanceof RunInstruction run) {
                out.add(run);
            }
        }
        return out;
    }

    /** Every RUN of the file with its stage's shell known to be POSIX, ONBUILD triggers included. */
    public List<RunInstruction> posixRuns() {
        List<RunInstruction> out = new ArrayList<>();
        for (Stage s : dockerfile.stages()) {
            for (RunInstruction run : runs(s, true)) {
                if (isPosixShell(s, run)) {
                    out.add(run);
                }
            }
        }
        return out;
    }

    /**
     * The shell commands of a RUN (or a shell-form CMD/ENTRYPOINT), read once; empty when the
     * command is in exec form or the stage's shell is not a POSIX shell (PowerShell, cmd).
     */
    public Optional<ShellScript> script(Instruction instruction) {
        Optional<Stage> stage = containingStage(instruction);
        if (stage.isPresent() && !isPosixShell(stage.get(), instruction)) {
            return Optional.empty();
        }
        ShellScript s = scripts.get(instruction);
        if (s == null) { // not one of the file's own instructions, which of() has read
            try {
                s = ShellScript.of(dockerfile, instruction);
            } catch (DockerfileParseException e) {
                return Optional.empty();
            }
            scripts.put(instruction, s);
        }
        return s.commands().isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** The stage of an instruction, looking into ONBUILD triggers. */
    public Optional<Stage> containingStage(Instruction instruction) {
        Stage s = stageIndex.get(instruction);
        return Optional.ofNullable(s != null ? s : triggerIndex.get(instruction));
    }

    /**
     * True if shell-form commands at this instruction run in a POSIX shell: the stage's last SHELL
     * before it names sh/bash/..., or there is none and the file is not for Windows (no
     * {@code # hadolint shell=powershell} pragma before it, no Windows base image).
     */
    public boolean isPosixShell(Stage stage, Instruction at) {
        if (pragmas.nonPosixShellBefore(at.range().startOffset())) {
            return false;
        }
        String shell = null;
        for (Stage s : ancestry(stage)) {
            for (Instruction i : s.instructions()) {
                if (s == stage && i.range().startOffset() >= at.range().startOffset()) {
                    break;
                }
                if (i instanceof ShellInstruction sh && !sh.arguments().isEmpty()) {
                    shell = sh.arguments().get(0).value();
                }
            }
            if (shell != null) {
                break;
            }
        }
        if (shell != null) {
            String base = shell.replace('\\', '/');
            base = base.substring(base.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (base.endsWith(".exe")) {
                base = base.substring(0, base.length() - 4);
            }
            return POSIX_SHELLS.contains(base);
        }
        return !isWindows(stage);
    }

    /** True if the stage builds a Windows image (by its base image's name). */
    public boolean isWindows(Stage stage) {
        if (dockerfile.escape() == '`') {
            return true;
        }
        List<Stage> chain = ancestry(stage);
        Word base = chain.get(chain.size() - 1).baseImage();
        String image = expandGlobal(base).orElse(base.value()).toLowerCase(Locale.ROOT);
        return image.contains("windows") || image.contains("nanoserver") || image.contains("servercore");
    }
}
