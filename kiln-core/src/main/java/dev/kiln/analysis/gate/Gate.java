package dev.kiln.analysis.gate;

import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.findings.Finding;
import java.util.List;

/** Evaluates CI rules against an analysis. */
public final class Gate {

    private Gate() {
    }

    public static GateResult evaluate(List<GateRule> rules, ImageAnalysis analysis, List<Finding> findings) {
        return new GateResult(rules.stream().map(r -> r.evaluate(analysis, findings)).toList());
    }

    /** Every rule's result; the gate passes when none failed. */
    public record GateResult(List<RuleResult> results) {

        public GateResult {
            results = List.copyOf(results);
        }

        public boolean passed() {
            return results.stream().noneMatch(r -> r.status() == RuleResult.Status.FAIL);
        }

        public long count(RuleResult.Status status) {
            return results.stream().filter(r -> r.status() == status).count();
        }
    }
}
