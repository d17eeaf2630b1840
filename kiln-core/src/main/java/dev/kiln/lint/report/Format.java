package dev.kiln.lint.report;

import java.util.Locale;
import java.util.Optional;

/** The report formats of {@code kiln lint --format}, named as hadolint names them. */
public enum Format {
    TTY, JSON, SARIF, CHECKSTYLE, CODECLIMATE, GITLAB_CODECLIMATE, GNU;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Format> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Format f : values()) {
            if (f.id().equals(t)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The report for this format; {@code color} only matters for tty. */
    public Report report(boolean color, ToolInfo tool) {
        return switch (this) {
            case TTY -> new TtyReport(color);
            case JSON -> new JsonReport();
            case SARIF -> new SarifReport(tool);
            case CHECKSTYLE -> new CheckstyleReport();
            case CODECLIMATE -> new CodeClimateReport(false);
            case GITLAB_CODECLIMATE -> new CodeClimateReport(true);
            case GNU -> new GnuReport();
        };
    }
}
