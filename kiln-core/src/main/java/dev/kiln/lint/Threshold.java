package dev.kiln.lint;

import java.util.Locale;
import java.util.Optional;

/**
 * The least serious level that fails a lint run ({@code --failure-threshold}); {@link #NONE} never
 * fails. hadolint's default is {@code info}: style findings alone do not fail.
 *
 * @param level the threshold, empty for none
 */
public record Threshold(Optional<Level> level) {

    public static final Threshold NONE = new Threshold(Optional.empty());
    public static final Threshold DEFAULT = new Threshold(Optional.of(Level.INFO));

    /** Parses {@code error|warning|info|style|ignore|none}. */
    public static Optional<Threshold> of(String text) {
        if (text != null && text.trim().toLowerCase(Locale.ROOT).equals("none")) {
            return Optional.of(NONE);
        }
        return Level.of(text).map(l -> new Threshold(Optional.of(l)));
    }

    /** True if a finding at this level fails the run. */
    public boolean fails(Level finding) {
        return level.isPresent() && finding != Level.IGNORE && finding.atLeast(level.get());
    }

    public String id() {
        return level.map(Level::id).orElse("none");
    }
}
