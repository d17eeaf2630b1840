package dev.kiln.lint;

import java.util.Locale;
import java.util.Optional;

/**
 * How serious a finding is, most serious first. The names are hadolint's, so configuration files
 * ({@code override: {error: [...]}}) and {@code --failure-threshold} values carry over unchanged.
 * {@link #IGNORE} turns a rule off.
 */
public enum Level {
    ERROR, WARNING, INFO, STYLE, IGNORE;

    /** The lower-case name used in reports and configuration ({@code warning}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True if this level is as serious as {@code other} or more. */
    public boolean atLeast(Level other) {
        return ordinal() <= other.ordinal();
    }

    /** Parses {@code error|warning|info|style|ignore} in any case; "off" is taken as ignore. */
    public static Optional<Level> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "error": return Optional.of(ERROR);
            case "warning": return Optional.of(WARNING);
            case "info": return Optional.of(INFO);
            case "style": return Optional.of(STYLE);
            case "ignore": case "off": return Optional.of(IGNORE);
            default: return Optional.empty();
        }
    }
}
