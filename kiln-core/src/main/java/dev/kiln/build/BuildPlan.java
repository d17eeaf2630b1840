package dev.kiln.build;

import dev.kiln.KilnException;
import dev.kiln.build.context.BuildException;
import dev.kiln.dockerfile.ast.AddInstruction;
import dev.kiln.dockerfile.ast.CopyInstruction;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.RunMount;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.expand.GlobalScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stages a build needs as a graph: the target stage (the last one unless {@code --target}) and,
 * transitively, every earlier stage it builds on ({@code FROM stage}) or takes files from
 * ({@code COPY --from}, {@code RUN --mount=from=}). Stages outside the graph are never built; stages
 * without a path between them may run at once.
 */
public record BuildPlan(Dockerfile dockerfile, Stage target, Map<Integer, List<Integer>> dependencies) {

    /** The needed stages in an order where each comes after what it depends on (index order). */
    public List<Stage> stages() {
        return dependencies.keySet().stream().map(i -> dockerfile.stages().get(i)).toList();
    }

    public List<Integer> dependenciesOf(int stage) {
        return dependencies.getOrDefault(stage, List.of());
    }

    public static BuildPlan of(Dockerfile dockerfile, GlobalScope global, Optional<String> target) throws KilnException {
        List<Stage> stages = dockerfile.stages();
        if (stages.isEmpty()) {
            throw new BuildException(dockerfile.fileName() + ": no FROM: a Dockerfile needs at least one stage");
        }
        Stage chosen;
        if (target.isPresent()) {
            // a stage is called by its name, or by its number when it has none
            boolean named = stages.stream().anyMatch(s -> s.name().isPresent());
            chosen = dockerfile.stage(target.get()).orElseThrow(() -> new BuildException("--target " + target.get()
                    + ": " + dockerfile.fileName() + " has no such stage (" + (named
                            ? "its stages: " + String.join(", ", stages.stream()
                                    .map(s -> s.name().orElse(Integer.toString(s.index()))).toList())
                            : "its stages have no names, only the numbers 0 to " + (stages.size() - 1)
                                    + "; name one with FROM ... AS NAME") + ")"));
        } else {
            chosen = stages.get(stages.size() - 1);
        }
        Map<Integer, List<Integer>> graph = new TreeMap<>();
        Deque<Stage> pending = new ArrayDeque<>(List.of(chosen));
        while (!pending.isEmpty()) {
            Stage stage = pending.pop();
            if (graph.containsKey(stage.index())) {
                continue;
            }
            TreeSet<Integer> deps = new TreeSet<>();
            String base = global.expand(stage.baseImage());
            dockerfile.referencedStage(base, stage.index()).ifPresent(s -> deps.add(s.index()));
            for (Instruction instruction : stage.instructions()) {
                for (String ref : fromReferences(instruction)) {
                    String expanded = ref.contains("$") ? expandOrKeep(global, ref, stage) : ref;
                    dockerfile.referencedStage(expanded, stage.index()).ifPresent(s -> deps.add(s.index()));
                }
            }
            graph.put(stage.index(), new ArrayList<>(deps));
            for (int dep : deps) {
                pending.push(stages.get(dep));
            }
        }
        return new BuildPlan(dockerfile, chosen, graph);
    }

    private static String expandOrKeep(GlobalScope global, String text, Stage stage) {
        try {
            return global.expand(text, stage.baseImage());
        } catch (KilnException e) {
            return text;
        }
    }

    private static List<String> fromReferences(Instruction instruction) {
        List<String> refs = new ArrayList<>();
        if (instruction instanceof CopyInstruction copy) {
            copy.options().from().ifPresent(refs::add);
        } else if (instruction instanceof AddInstruction add) {
            add.options().from().ifPresent(refs::add);
        } else if (instruction instanceof RunInstruction run) {
            for (RunMount mount : run.mounts()) {
                if (mount instanceof RunMount.Bind bind) {
                    bind.from().ifPresent(refs::add);
                } else if (mount instanceof RunMount.Cache cache) {
                    cache.from().ifPresent(refs::add);
                }
            }
        }
        return refs;
    }
}
