package dev.kiln.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lint settings, with hadolint's keys and meanings: ignored rules, level overrides, the failure
 * threshold, trusted registries, the label schema, strict labels, no-fail, and whether inline ignore
 * pragmas count. Built in layers (config files, then environment, then command line) with {@link Builder}.
 *
 * @param ignored             rule codes never reported
 * @param overrides           rule code to level
 * @param threshold           the least serious level that fails the run
 * @param trustedRegistries   registries FROM may use (DL3026); empty means any
 * @param labelSchema         required labels and their formats (DL3049..DL3058), in order
 * @param strictLabels        labels outside the schema are findings (DL3050)
 * @param noFail              never exit 1 for findings
 * @param disableIgnorePragma inline {@code # hadolint ignore=} / {@code # kiln ignore=} comments do not count
 * @param format              the report format named in a config file, if any
 * @param noColor             no ANSI colours even on a terminal
 * @param sources             where the settings came from (config file paths, "environment"), for --debug
 */
public record LintConfig(Set<String> ignored, Map<String, Level> overrides, Threshold threshold,
        List<String> trustedRegistries, Map<String, LabelType> labelSchema, boolean strictLabels, boolean noFail,
        boolean disableIgnorePragma, Optional<String> format, boolean noColor, List<String> sources) {

    public LintConfig {
        ignored = Set.copyOf(ignored);
        overrides = Map.copyOf(overrides);
        trustedRegistries = List.copyOf(trustedRegistries);
        labelSchema = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labelSchema));
        sources = List.copyOf(sources);
    }

    public static final LintConfig DEFAULT = builder().build();

    /** The level a rule reports at: an override, else its default. */
    public Level levelOf(RuleInfo rule) {
        return overrides.getOrDefault(rule.code(), rule.level());
    }

    public boolean isIgnored(String code) {
        return ignored.contains(code);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.ignored.addAll(ignored);
        b.overrides.putAll(overrides);
        b.threshold = threshold;
        b.trustedRegistries.addAll(trustedRegistries);
        b.labelSchema.putAll(labelSchema);
        b.strictLabels = strictLabels;
        b.noFail = noFail;
        b.disableIgnorePragma = disableIgnorePragma;
        b.format = format;
        b.noColor = noColor;
        b.sources.addAll(sources);
        return b;
    }

    /** Mutable layers; later calls win for single values, lists and sets accumulate. */
    public static final class Builder {
        private final Set<String> ignored = new LinkedHashSet<>();
        private final Map<String, Level> overrides = new LinkedHashMap<>();
        private Threshold threshold = Threshold.DEFAULT;
        private final List<String> trustedRegistries = new ArrayList<>();
        private final Map<String, LabelType> labelSchema = new LinkedHashMap<>();
        private boolean strictLabels;
        private boolean noFail;
        private boolean disableIgnorePragma;
        private Optional<String> format = Optional.empty();
        private boolean noColor;
        private final List<String> sources = new ArrayList<>();

        public Builder ignore(String code) {
            ignored.add(code.trim().toUpperCase(Locale.ROOT));
            return this;
        }

        public Builder override(String code, Level level) {
            overrides.put(code.trim().toUpperCase(Locale.ROOT), level);
            return this;
        }

        public Builder threshold(Threshold value) {
            threshold = value;
            return this;
        }

        public Builder trustRegistry(String registry) {
            if (!trustedRegistries.contains(registry)) {
                trustedRegistries.add(registry);
            }
            return this;
        }

        public Builder requireLabel(String label, LabelType type) {
            labelSchema.put(label, type);
            return this;
        }

        public Builder strictLabels(boolean value) {
            strictLabels = value;
            return this;
        }

        public Builder noFail(boolean value) {
            noFail = value;
            return this;
        }

        public Builder disableIgnorePragma(boolean value) {
            disableIgnorePragma = value;
            return this;
        }

        public Builder format(String value) {
            format = Optional.ofNullable(value);
            return this;
        }

        public Builder noColor(boolean value) {
            noColor = value;
            return this;
        }

        public Builder source(String value) {
            sources.add(value);
            return this;
        }

        public LintConfig build() {
            return new LintConfig(ignored, overrides, threshold, trustedRegistries, labelSchema, strictLabels, noFail,
                    disableIgnorePragma, format, noColor, sources);
        }
    }
}
