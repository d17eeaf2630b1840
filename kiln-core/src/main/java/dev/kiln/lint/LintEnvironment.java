package dev.kiln.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * hadolint's environment variables ({@code HADOLINT_IGNORE=DL3008,DL3009}, {@code HADOLINT_NOFAIL=1},
 * ...) and {@code NO_COLOR}. Kept apart from the YAML reader so that linting without a config file
 * never loads the YAML parser.
 */
public final class LintEnvironment {

    private LintEnvironment() {
    }

    /** hadolint's truthy words for environment variables. */
    public static boolean truthy(String text, String at) throws LintConfigException {
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
