package dev.kiln.lint.rules;

import dev.kiln.lint.Level;
import dev.kiln.lint.Rule;
import dev.kiln.lint.RuleInfo;

/** Holds a rule's {@link RuleInfo}; subclasses implement only the check. */
abstract class BaseRule implements Rule {

    private final RuleInfo info;

    BaseRule(String code, Level level, String title, String advice) {
        this.info = new RuleInfo(code, level, title, advice);
    }

    @Override
    public final RuleInfo info() {
        return info;
    }

    @Override
    public String toString() {
        return info.code();
    }
}
