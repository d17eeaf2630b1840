package dev.kiln.lint;

import java.util.List;
import java.util.Optional;

/**
 * The findings for one Dockerfile, in source order.
 *
 * @param file     the name as given (a path, or {@code -} for standard input)
 * @param source   the text that was linted (reports quote lines from it)
 * @param findings the findings after ignores and level overrides
 */
public record LintResult(String file, String source, List<Finding> findings) {

    public LintResult {
        findings = List.copyOf(findings);
    }

    /** The most serious level found, if any. */
    public Optional<Level> worst() {
        return findings.stream().map(Finding::level).min(Enum::compareTo);
    }

    /** True if a finding is at or above the threshold. */
    public boolean fails(Threshold threshold) {
        return findings.stream().anyMatch(f -> threshold.fails(f.level()));
    }
}
