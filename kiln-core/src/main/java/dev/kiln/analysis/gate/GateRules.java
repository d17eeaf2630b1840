package dev.kiln.analysis.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the CI rules: dive's {@code .dive-ci} read as dive reads it ({@code rules:} with
 * {@code lowestEfficiency}, {@code highestWastedBytes}, {@code highestUserWastedPercent}; a rule the
 * file leaves out takes dive's default) and the {@code analyze:} section of {@code .kiln.yaml}. With
 * neither file, dive's defaults apply, as with {@code dive --ci}.
 */
public final class GateRules {

    /** dive's defaults: efficiency at least 0.9, wasted bytes not checked, user wasted at most 0.1. */
    static final Map<String, String> DIVE_DEFAULTS = Map.of("lowestEfficiency", "0.9", "highestWastedBytes", "disabled",
            "highestUserWastedPercent", "0.1");
    private static final List<String> DIVE_KEYS = List.of("lowestEfficiency", "highestWastedBytes",
            "highestUserWastedPercent");

    private GateRules() {
    }

    /**
     * @param diveCi   a {@code .dive-ci} file, used when it exists
     * @param kilnYaml a {@code .kiln.yaml} file, whose {@code analyze:} section is used when present
     */
    public static List<GateRule> load(Path diveCi, Path kilnYaml) throws IOException, GateConfigException {
        List<GateRule> rules = new ArrayList<>();
        Optional<Map<String, YamlSection.Value>> dive = diveCi != null && Files.isRegularFile(diveCi)
                ? Optional.of(YamlSection.read(diveCi, "rules").orElse(Map.of())) : Optional.empty();
        Optional<Map<String, YamlSection.Value>> kiln = kilnYaml != null && Files.isRegularFile(kilnYaml)
                ? YamlSection.read(kilnYaml, "analyze") : Optional.empty();
        if (dive.isPresent()) {
            Map<String, YamlSection.Value> values = dive.get();
            for (String key : DIVE_KEYS) {
                YamlSection.Value value = values.get(key);
                rules.add(value == null ? rule(key, DIVE_DEFAULTS.get(key), "dive default", diveCi)
                        : rule(key, value.text(), diveCi.getFileName() + ":" + value.line(), diveCi));
            }
            for (YamlSection.Value value : values.values()) {
                if (!DIVE_KEYS.contains(value.key())) {
                    rules.add(new GateRule.Skipped(value.key(), diveCi.getFileName() + ":" + value.line(),
                            "unknown rule"));
                }
            }
        } else if (kiln.isEmpty()) {
            for (String key : DIVE_KEYS) {
                rules.add(rule(key, DIVE_DEFAULTS.get(key), "dive default", null));
            }
        }
        if (kiln.isPresent()) {
            for (YamlSection.Value value : kiln.get().values()) {
                rules.add(rule(value.key(), value.text(), kilnYaml.getFileName() + ":" + value.line(), kilnYaml));
            }
        }
        return List.copyOf(rules);
    }

    private static GateRule rule(String key, String value, String source, Path file) throws GateConfigException {
        String canonical = key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        try {
            switch (canonical) {
                case "lowestefficiency":
                case "lowestefficiencythreshold":
                    return Thresholds.isDisabled(value) ? off(key, source)
                            : new GateRule.LowestEfficiency(key, source, Thresholds.ratio(value));
                case "highestwastedbytes":
                    return Thresholds.isDisabled(value) ? off(key, source)
                            : new GateRule.HighestWastedBytes(key, source, Thresholds.bytes(value));
                case "highestuserwastedpercent":
                    return Thresholds.isDisabled(value) ? off(key, source)
                            : new GateRule.HighestUserWastedPercent(key, source, Thresholds.ratio(value));
                case "maxreclaimablebytes":
                    return Thresholds.isDisabled(value) ? off(key, source)
                            : new GateRule.MaxReclaimableBytes(key, source, Thresholds.bytes(value));
                case "maxreclaimablepercent":
                    return Thresholds.isDisabled(value) ? off(key, source)
                            : new GateRule.MaxReclaimablePercent(key, source, Thresholds.ratio(value));
                case "maximagesize":
                    return Thresholds.isDisabled(value) ? off(key, source)
                            : new GateRule.MaxImageSize(key, source, Thresholds.bytes(value));
                case "maxcompressedsize":
                    return Thresholds.isDisabled(value) ? off(key, source)
                            : new GateRule.MaxCompressedSize(key, source, Thresholds.bytes(value));
                case "forbidroot":
                    return Thresholds.flag(value) ? new GateRule.ForbidFinding(key, source, "runs-as-root") : off(key, source);
                case "requireinit":
                    return Thresholds.flag(value) ? new GateRule.ForbidFinding(key, source, "no-init") : off(key, source);
                case "forbidsecrets":
                    return Thresholds.flag(value) ? new GateRule.ForbidFinding(key, source, "secret") : off(key, source);
                case "forbidlatest":
                    return Thresholds.flag(value) ? new GateRule.ForbidFinding(key, source, "latest-tag") : off(key, source);
                default:
                    throw new GateConfigException(where(source, file) + ": unknown rule \"" + key + "\" (known: "
                            + "lowestEfficiency, highestWastedBytes, highestUserWastedPercent, maxReclaimableBytes, "
                            + "maxReclaimablePercent, maxImageSize, maxCompressedSize, forbidRoot, requireInit, "
                            + "forbidSecrets, forbidLatest)");
            }
        } catch (IllegalArgumentException e) {
            throw new GateConfigException(where(source, file) + ": " + key + ": " + e.getMessage());
        }
    }

    private static String where(String source, Path file) {
        if (file == null || !source.contains(":")) {
            return source;
        }
        return file.getParent() == null ? source : file.getParent().resolve(source).toString();
    }

    private static GateRule off(String key, String source) {
        return new GateRule.Skipped(key, source, "rule disabled");
    }
}
