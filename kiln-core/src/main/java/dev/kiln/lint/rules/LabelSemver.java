package dev.kiln.lint.rules;

import dev.kiln.lint.LabelType;
import java.util.regex.Pattern;

/** DL3056: a {@code semver} label that is not a semantic version (semver.org 2.0.0 grammar). */
public final class LabelSemver extends LabelFormatRule {

    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    public LabelSemver() {
        super("DL3056", LabelType.SEMVER, "Label does not conform to semantic versioning",
                "a semantic version such as 1.4.2 or 2.0.0-rc.1");
    }

    @Override
    boolean valid(String value) {
        return SEMVER.matcher(value).matches();
    }
}
