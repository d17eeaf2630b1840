package dev.kiln.lint;

import java.util.Locale;
import java.util.Objects;

/**
 * What a rule is, for reports and documentation.
 *
 * @param code   stable identifier: hadolint's {@code DLxxxx} where hadolint has the same rule,
 *               {@code KLxxx} for kiln's own
 * @param level  the default level (configuration may override it)
 * @param title  a one-line name of the problem ("Pin versions in apt-get install")
 * @param advice one line saying what to do and what it buys
 */
public record RuleInfo(String code, Level level, String title, String advice) {

    public RuleInfo {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(advice, "advice");
    }

    /** Where the rule is documented: hadolint's wiki page for DL rules, kiln's rule list for KL rules. */
    public String url() {
        if (code.startsWith("DL")) {
            return "https://github.com/hadolint/hadolint/wiki/" + code;
        }
        return "https://github.com/kiln-dev/kiln/blob/main/docs/lint-rules.md#" + code.toLowerCase(Locale.ROOT);
    }
}
