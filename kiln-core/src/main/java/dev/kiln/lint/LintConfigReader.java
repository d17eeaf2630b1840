package dev.kiln.lint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads lint settings into a {@link LintConfig.Builder}: hadolint's YAML keys (from
 * {@code .hadolint.yaml} as-is, or the {@code lint:} section of {@code .kiln.yaml}) and hadolint's
 * {@code HADOLINT_*} environment variables. Unknown keys are left alone (other tools' settings may
 * share the file); known keys with the wrong shape are errors naming the file and key.
 */
public final class LintConfigReader {

    private LintConfigReader() {
    }

    /** Applies a hadolint config file. */
    public static void readHadolint(Path file, LintConfig.Builder into) throws LintConfigException {
        JsonNode root = yaml(file);
        if (root == null || root.isNull() || root.isMissingNode()) {
            into.source(file.toString());
            return;
        }
        if (!root.isObject()) {
            throw new LintConfigException(file + ": expected a mapping of settings");
        }
        apply(root, file.toString(), into);
        into.source(file.toString());
    }

    /** Applies the {@code lint:} section of a {@code .kiln.yaml}, if it has one. */
    public static void readKiln(Path file, LintConfig.Builder into) throws LintConfigException {
        JsonNode root = yaml(file);
        JsonNode section = root == null ? null : root.get("lint");
        if (section == null || section.isNull()) {
            return;
        }
        if (!section.isObject()) {
            throw new LintConfigException(file + ": lint: expected a mapping of settings");
        }
        apply(section, file + ": lint", into);
        into.source(file + " (lint)");
    }

    private static JsonNode yaml(Path file) throws LintConfigException {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new LintConfigException(file + where + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new LintConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    static void apply(JsonNode node, String where, LintConfig.Builder into) throws LintConfigException {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            String at = where + ": " + key;
            switch (key) {
                case "ignored" -> {
                    for (String code : strings(value, at)) {
                        into.ignore(code);
                    }
                }
                case "override" -> override(value, at, into);
                case "failure-threshold" -> into.threshold(Threshold.of(text(value, at)).orElseThrow(() ->
                        new LintConfigException(at + ": expected error, warning, info, style, ignore or none")));
                case "trustedRegistries" -> {
                    for (String r : strings(value, at)) {
                        into.trustRegistry(r);
                    }
                }
                case "label-schema" -> labelSchema(value, at, into);
                case "strict-labels" -> into.strictLabels(bool(value, at));
                case "no-fail" -> into.noFail(bool(value, at));
                case "no-color" -> into.noColor(bool(value, at));
                case "disable-ignore-pragma" -> into.disableIgnorePragma(bool(value, at));
                case "format" -> into.format(text(value, at));
                default -> {
                    // not a lint setting: another tool's or a newer hadolint's; left alone
                }
            }
        }
    }

    private static void override(JsonNode value, String at, LintConfig.Builder into) throws LintConfigException {
        if (value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            throw new LintConfigException(at + ": expected a mapping of level to rule codes");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Level level = Level.of(e.getKey()).orElseThrow(() -> new LintConfigException(at + "." + e.getKey()
                    + ": unknown level (expected error, warning, info, style or ignore)"));
            for (String code : strings(e.getValue(), at + "." + e.getKey())) {
                into.override(code, level);
            }
        }
    }

    private static void labelSchema(JsonNode value, String at, LintConfig.Builder into) throws LintConfigException {
        if (value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            throw new LintConfigException(at + ": expected a mapping of label to format");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String type = text(e.getValue(), at + "." + e.getKey());
            into.requireLabel(e.getKey(), LabelType.of(type).orElseThrow(() -> new LintConfigException(at + "."
                    + e.getKey() + ": unknown format \"" + type + "\" (expected text, url, semver, hash, rfc3339, spdx"
                    + " or email)")));
        }
    }

    private static List<String> strings(JsonNode value, String at) throws LintConfigException {
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (value.isTextual()) {
            out.add(value.asText());
            return out;
        }
        if (!value.isArray()) {
            throw new LintConfigException(at + ": expected a list of strings");
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new LintConfigException(at + ": expected a list of strings, found " + item.getNodeType()
                        .name().toLowerCase(Locale.ROOT));
            }
            out.add(item.asText());
        }
        return out;
    }

    private static String text(JsonNode value, String at) throws LintConfigException {
        if (value == null || !value.isValueNode() || value.isNull()) {
            throw new LintConfigException(at + ": expected a string");
        }
        return value.asText();
    }

    private static boolean bool(JsonNode value, String at) throws LintConfigException {
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isTextual()) {
            return truthy(value.asText(), at);
        }
        throw new LintConfigException(at + ": expected true or false");
    }

    /** hadolint's truthy words for environment variables. */
    static boolean truthy(String text, String at) throws LintConfigException {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "1": case "true": case "yes": case "on": case "y":
                return true;
            case "0": case "false": case "no": case "off": case "n": case "":
                return false;
            default:
                throw new LintConfigException(at + ": expected true or false, found \"" + text + "\"");
        }
    }

    /** Applies hadolint's environment variables ({@code HADOLINT_IGNORE=DL3008,DL3009}, ...). */
    public static void readEnvironment(Map<String, String> env, LintConfig.Builder into) throws LintConfigException {
        boolean any = false;
        for (String code : list(env.get("HADOLINT_IGNORE"))) {
            into.ignore(code);
            any = true;
        }
        String[][] levels = {{"HADOLINT_OVERRIDE_ERROR", "error"}, {"HADOLINT_OVERRIDE_WARNING", "warning"},
            {"HADOLINT_OVERRIDE_INFO", "info"}, {"HADOLINT_OVERRIDE_STYLE", "style"}};
        for (String[] l : levels) {
            for (String code : list(env.get(l[0]))) {
                into.override(code, Level.of(l[1]).orElseThrow());
                any = true;
            }
        }
        String threshold = env.get("HADOLINT_FAILURE_THRESHOLD");
        if (threshold != null && !threshold.isBlank()) {
            into.threshold(Threshold.of(threshold).orElseThrow(() -> new LintConfigException(
                    "HADOLINT_FAILURE_THRESHOLD: expected error, warning, info, style, ignore or none")));
            any = true;
        }
        for (String r : list(env.get("HADOLINT_TRUSTED_REGISTRIES"))) {
            into.trustRegistry(r);
            any = true;
        }
        for (String item : list(env.get("HADOLINT_REQUIRE_LABELS"))) {
            requireLabel(item, "HADOLINT_REQUIRE_LABELS", into);
            any = true;
        }
        any |= flag(env, "HADOLINT_NOFAIL", into::noFail);
        any |= flag(env, "HADOLINT_STRICT_LABELS", into::strictLabels);
        any |= flag(env, "HADOLINT_DISABLE_IGNORE_PRAGMA", into::disableIgnorePragma);
        String format = env.get("HADOLINT_FORMAT");
        if (format != null && !format.isBlank()) {
            into.format(format.trim());
            any = true;
        }
        if (env.containsKey("NO_COLOR")) {
            into.noColor(true);
        }
        if (any) {
            into.source("environment");
        }
    }

    /** {@code label:format}, as {@code --require-label} and {@code HADOLINT_REQUIRE_LABELS} take it. */
    public static void requireLabel(String item, String where, LintConfig.Builder into) throws LintConfigException {
        int colon = item.lastIndexOf(':');
        if (colon <= 0) {
            throw new LintConfigException(where + ": expected label:format, found \"" + item + "\"");
        }
        String type = item.substring(colon + 1);
        into.requireLabel(item.substring(0, colon), LabelType.of(type).orElseThrow(() -> new LintConfigException(
                where + ": unknown label format \"" + type + "\" (expected text, url, semver, hash, rfc3339, spdx"
                        + " or email)")));
    }

    private interface BoolSetter {
        LintConfig.Builder set(boolean value);
    }

    private static boolean flag(Map<String, String> env, String name, BoolSetter setter) throws LintConfigException {
        String v = env.get(name);
        if (v == null) {
            return false;
        }
        setter.set(truthy(v, name));
        return true;
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }
}
