package dev.kiln.analysis.gate;

import java.util.Objects;

/**
 * How one CI rule went.
 *
 * @param rule    the rule's key as written ({@code lowestEfficiency}, {@code forbidSecrets})
 * @param source  where it was configured ({@code .dive-ci:3}, {@code .kiln.yaml:12}, {@code dive default})
 * @param message why it failed or was skipped; empty for a pass
 */
public record RuleResult(String rule, Status status, String message, String source) {

    public enum Status { PASS, FAIL, SKIP }

    public RuleResult {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        source = source == null ? "" : source;
    }
}
