package dev.kiln.cli;

import dev.kiln.lint.Level;
import dev.kiln.lint.LintConfig;
import dev.kiln.lint.LintConfigException;
import dev.kiln.lint.LintConfigFiles;
import dev.kiln.lint.LintConfigReader;
import dev.kiln.lint.LintEnvironment;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The settings options of {@code kiln lint} and {@code kiln fix}, hadolint's names. Settings are
 * layered: the hadolint config file ({@code --config}, else next to the Dockerfile, the working
 * directory, {@code $XDG_CONFIG_HOME}, {@code ~/.config} ...), then {@code .kiln.yaml}'s {@code lint:}
 * section, then {@code HADOLINT_*} variables, then these options.
 */
final class LintOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "hadolint-style config file to use instead of searching.")
    Path config;

    @Option(names = "--ignore", paramLabel = "CODE", description = "A rule to skip (repeatable).")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--error", paramLabel = "CODE", description = "Report rule CODE as an error (repeatable).")
    List<String> error = new ArrayList<>();

    @Option(names = "--warning", paramLabel = "CODE", description = "Report rule CODE as a warning (repeatable).")
    List<String> warning = new ArrayList<>();

    @Option(names = "--info", paramLabel = "CODE", description = "Report rule CODE as info (repeatable).")
    List<String> info = new ArrayList<>();

    @Option(names = "--style", paramLabel = "CODE", description = "Report rule CODE as style (repeatable).")
    List<String> style = new ArrayList<>();

    @Option(names = "--trusted-registry", paramLabel = "REGISTRY", description = "A registry FROM may use (repeatable; DL3026).")
    List<String> trustedRegistries = new ArrayList<>();

    @Option(names = "--require-label", paramLabel = "LABEL:FORMAT",
            description = "Require a label of a format: text, url, semver, hash, rfc3339, spdx, email (repeatable).")
    List<String> requireLabels = new ArrayList<>();

    @Option(names = "--strict-labels", description = "Report labels not in the label schema.")
    boolean strictLabels;

    @Option(names = "--disable-ignore-pragma", description = "Ignore inline '# hadolint ignore=' and '# kiln ignore=' comments.")
    boolean disableIgnorePragma;

    private final Map<Optional<Path>, LintConfig> cache = new HashMap<>();

    /** The settings for a Dockerfile in {@code dir} (empty for standard input). */
    LintConfig config(Terminal terminal, Optional<Path> dir) throws LintConfigException, NoSuchFileException {
        LintConfig known = cache.get(dir);
        if (known != null) {
            return known;
        }
        Path workDir = Path.of("").toAbsolutePath();
        LintConfigFiles files = new LintConfigFiles(workDir, terminal.env());
        LintConfig.Builder b = LintConfig.builder();
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new NoSuchFileException(config.toString());
            }
            LintConfigReader.readHadolint(config, b);
        } else {
            Optional<Path> hadolint = files.hadolintFile(dir);
            if (hadolint.isPresent()) {
                LintConfigReader.readHadolint(hadolint.get(), b);
            }
        }
        Optional<Path> kiln = files.kilnFile(dir);
        if (kiln.isPresent()) {
            LintConfigReader.readKiln(kiln.get(), b);
        }
        LintEnvironment.readEnvironment(terminal.env(), b);
        ignore.forEach(b::ignore);
        error.forEach(c -> b.override(c, Level.ERROR));
        warning.forEach(c -> b.override(c, Level.WARNING));
        info.forEach(c -> b.override(c, Level.INFO));
        style.forEach(c -> b.override(c, Level.STYLE));
        trustedRegistries.forEach(b::trustRegistry);
        for (String item : requireLabels) {
            LintEnvironment.requireLabel(item, "--require-label", b);
        }
        if (strictLabels) {
            b.strictLabels(true);
        }
        if (disableIgnorePragma) {
            b.disableIgnorePragma(true);
        }
        LintConfig built = b.build();
        cache.put(dir, built);
        return built;
    }
}
