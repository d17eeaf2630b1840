package dev.kiln.lint.rules;

import dev.kiln.dockerfile.parser.DockerfileParser;
import dev.kiln.lint.Finding;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintConfig;
import dev.kiln.lint.LintResult;
import dev.kiln.lint.Linter;
import dev.kiln.lint.Rule;
import java.util.List;
import java.util.function.Consumer;

/**
 * One "this snippet is caught / this one is not" example for a rule. Snippets without a FROM get
 * {@code FROM debian:12.5} put in front. The rule runs alone and at least at info level (rules off by
 * default are switched on), with the given extra settings.
 *
 * @param code    the rule
 * @param text    the Dockerfile
 * @param caught  how many findings of that rule are expected (0 = not caught)
 * @param config  settings on top of the defaults
 */
record Case(String code, String text, int caught, Consumer<LintConfig.Builder> config) {

    static Case caught(String code, String text) {
        return new Case(code, text, 1, b -> { });
    }

    static Case caught(String code, int times, String text) {
        return new Case(code, text, times, b -> { });
    }

    static Case clean(String code, String text) {
        return new Case(code, text, 0, b -> { });
    }

    Case with(Consumer<LintConfig.Builder> settings) {
        return new Case(code, text, caught, settings);
    }

    String dockerfile() {
        return text.contains("FROM ") || text.contains("from ") ? text : "FROM debian:12.5\n" + text;
    }

    /** The findings of this case's rule for its snippet. */
    List<Finding> run() {
        Rule rule = Rules.all().stream().filter(r -> r.info().code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + code));
        LintConfig.Builder b = LintConfig.builder();
        if (rule.info().level() == Level.IGNORE) {
            b.override(code, Level.INFO);
        }
        config.accept(b);
        try {
            LintResult result = new Linter(List.of(rule), b.build()).lint(DockerfileParser.parse("Dockerfile", dockerfile()));
            return result.findings();
        } catch (Exception e) {
            throw new AssertionError("snippet does not parse: " + e.getMessage() + "\n" + dockerfile(), e);
        }
    }

    @Override
    public String toString() {
        String oneLine = text.replace("\n", " ⏎ ");
        return code + (caught > 0 ? " catches " : " passes ") + (oneLine.length() > 90 ? oneLine.substring(0, 90) + "…" : oneLine);
    }
}
