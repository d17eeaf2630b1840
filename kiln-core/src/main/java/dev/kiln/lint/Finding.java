package dev.kiln.lint;

import dev.kiln.dockerfile.ast.SourceRange;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in a Dockerfile. A value, never an exception.
 *
 * @param rule    the rule that found it (code, advice, documentation)
 * @param level   the level after configuration overrides
 * @param message what is wrong here, what to do, and what it costs
 * @param range   the exact text concerned
 * @param fix     a safe correction, if the rule has one for this case
 */
public record Finding(RuleInfo rule, Level level, String message, SourceRange range, Optional<Fix> fix) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(fix, "fix");
    }

    public String code() {
        return rule.code();
    }

    public int line() {
        return range.start().line();
    }

    public int column() {
        return range.start().column();
    }

    public Finding withLevel(Level newLevel) {
        return new Finding(rule, newLevel, message, range, fix);
    }
}
