package dev.kiln.lint;

import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.parser.DockerfileParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs rules over a parsed Dockerfile and applies the settings: ignored rules (configuration and
 * {@code global ignore} pragmas) are not run at all, level overrides are applied, rules at level
 * {@code ignore} are skipped, and inline {@code ignore=} pragmas silence findings on their instruction.
 * Stateless and thread-safe: one Linter serves many files.
 */
public final class Linter {

    private static final Comparator<Finding> ORDER = Comparator
            .comparingInt((Finding f) -> f.range().startOffset())
            .thenComparing(Finding::code)
            .thenComparingInt(f -> f.range().endOffset());

    private final List<Rule> rules;
    private final LintConfig config;

    public Linter(List<Rule> rules, LintConfig config) {
        this.rules = List.copyOf(rules);
        this.config = config;
    }

    public LintConfig config() {
        return config;
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * Runs the rules over one parsed file.
     *
     * @throws DockerfileParseException when a RUN's shell text cannot be read (substitutions nested too deep)
     */
    public LintResult lint(Dockerfile dockerfile) throws DockerfileParseException {
        LintContext context = LintContext.of(dockerfile, config);
        Pragmas pragmas = context.pragmas();
        boolean inline = !config.disableIgnorePragma();
        List<Finding> out = new ArrayList<>();
        for (Rule rule : rules) {
            RuleInfo info = rule.info();
            Level level = config.levelOf(info);
            if (level == Level.IGNORE || config.isIgnored(info.code()) || pragmas.global().contains(info.code())) {
                continue;
            }
            FindingSink sink = new FindingSink(info);
            rule.check(context, sink);
            for (Finding f : sink.findings()) {
                if (!pragmas.ignores(f.code(), dockerfile, f.range().startOffset(), inline)) {
                    out.add(f.level() == level ? f : f.withLevel(level));
                }
            }
        }
        out.sort(ORDER);
        return new LintResult(dockerfile.fileName(), dockerfile.source(), out);
    }
}
