package dev.kiln.lint;

/**
 * One lint rule. Implementations are stateless (one instance serves every file and thread): they
 * read the {@link LintContext} and report through the {@link FindingSink}, which attaches the rule's
 * code and level.
 */
public interface Rule {

    RuleInfo info();

    void check(LintContext context, FindingSink sink);

    /** True if the rule offers fixes (for some of its findings) that {@code kiln fix} applies. */
    default boolean fixable() {
        return false;
    }
}
