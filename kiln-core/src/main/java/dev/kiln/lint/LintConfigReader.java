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
 * Reads lint settings from YAML into a {@link LintConfig.Builder}: hadolint's keys, from
 * {@code .hadolint.yaml} as-is or the {@code lint:} section of {@code .kiln.yaml}. Unknown keys are left alone (other tools' settings may
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
            return LintEnvironment.truthy(value.asText(), at);
        }
        throw new LintConfigException(at + ": expected true or false");
    }

}
