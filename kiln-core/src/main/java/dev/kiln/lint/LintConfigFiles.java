package dev.kiln.lint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where lint settings live. hadolint's file is the first that exists of: {@code --config FILE};
 * {@code .hadolint.yaml} (or {@code .yml}) next to the Dockerfile, then in the working directory;
 * {@code $XDG_CONFIG_HOME/hadolint.yaml}; {@code ~/.config/hadolint.yaml};
 * {@code ~/.hadolint/hadolint.yaml}; {@code ~/hadolint/config.yaml}; {@code ~/.hadolint.yaml}.
 * kiln's {@code .kiln.yaml} ({@code lint:} section) is the file {@code KILN_CONFIG} names, else the
 * first found next to the Dockerfile or in the working directory.
 *
 * @param workDir the working directory
 * @param env     the environment ({@code HOME}, {@code XDG_CONFIG_HOME}, {@code KILN_CONFIG})
 */
public record LintConfigFiles(Path workDir, Map<String, String> env) {

    public LintConfigFiles {
        env = Map.copyOf(env);
    }

    /** The hadolint file for a Dockerfile in {@code dockerfileDir} (empty for stdin). */
    public Optional<Path> hadolintFile(Optional<Path> dockerfileDir) {
        List<Path> candidates = new ArrayList<>();
        dockerfileDir.ifPresent(d -> addYamlPair(candidates, d.resolve(".hadolint")));
        addYamlPair(candidates, workDir.resolve(".hadolint"));
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            addYamlPair(candidates, Path.of(xdg).resolve("hadolint"));
        }
        String home = env.get("HOME");
        if (home != null && !home.isBlank()) {
            Path h = Path.of(home);
            addYamlPair(candidates, h.resolve(".config").resolve("hadolint"));
            addYamlPair(candidates, h.resolve(".hadolint").resolve("hadolint"));
            addYamlPair(candidates, h.resolve("hadolint").resolve("config"));
            addYamlPair(candidates, h.resolve(".hadolint"));
        }
        return first(candidates);
    }

    /** The {@code .kiln.yaml} for a Dockerfile in {@code dockerfileDir}. */
    public Optional<Path> kilnFile(Optional<Path> dockerfileDir) throws LintConfigException {
        String named = env.get("KILN_CONFIG");
        if (named != null && !named.isBlank()) {
            Path p = workDir.resolve(named);
            if (!Files.isRegularFile(p)) {
                // a typo in the variable must not drop every setting without a word
                throw new LintConfigException("KILN_CONFIG=" + named + ": " + (Files.exists(p) ? "not a file" : "no such file"));
            }
            return Optional.of(p);
        }
        List<Path> candidates = new ArrayList<>();
        dockerfileDir.ifPresent(d -> candidates.add(d.resolve(".kiln.yaml")));
        candidates.add(workDir.resolve(".kiln.yaml"));
        return first(candidates);
    }

    private static void addYamlPair(List<Path> out, Path stem) {
        out.add(stem.resolveSibling(stem.getFileName() + ".yaml"));
        out.add(stem.resolveSibling(stem.getFileName() + ".yml"));
    }

    private static Optional<Path> first(List<Path> candidates) {
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
