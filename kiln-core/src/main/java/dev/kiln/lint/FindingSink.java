package dev.kiln.lint;

import dev.kiln.dockerfile.ast.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects one rule's findings for one file, stamping them with the rule's code and default level. */
public final class FindingSink {

    private final RuleInfo rule;
    private final List<Finding> findings = new ArrayList<>();

    public FindingSink(RuleInfo rule) {
        this.rule = rule;
    }

    public void report(SourceRange range, String message) {
        findings.add(new Finding(rule, rule.level(), message, range, Optional.empty()));
    }

    public void report(SourceRange range, String message, Optional<Fix> fix) {
        findings.add(new Finding(rule, rule.level(), message, range, fix));
    }

    public void report(SourceRange range, String message, Fix fix) {
        findings.add(new Finding(rule, rule.level(), message, range, Optional.of(fix)));
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }
}
