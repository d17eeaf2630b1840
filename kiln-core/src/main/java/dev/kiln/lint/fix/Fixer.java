package dev.kiln.lint.fix;

import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.parser.DockerfileParseException;
import dev.kiln.dockerfile.parser.DockerfileParser;
import dev.kiln.lint.Finding;
import dev.kiln.lint.Fix;
import dev.kiln.lint.LintResult;
import dev.kiln.lint.Linter;
import dev.kiln.lint.TextEdit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the fixes the linter offers, in rounds, until none is left: each round takes the fixes
 * whose edits do not overlap, applies them together, and keeps the result only if it still parses
 * and no rule has more findings than before; otherwise it tries them one at a time and drops those
 * that break either promise. Running it again on its own output changes nothing.
 */
public final class Fixer {

    private static final int MAX_ROUNDS = 20;

    private final Linter linter;
    private final Set<String> only;

    /**
     * @param linter the linter whose rules offer the fixes (its settings apply: ignored rules are not fixed)
     * @param only   rule codes to fix; empty for all
     */
    public Fixer(Linter linter, Set<String> only) {
        this.linter = linter;
        this.only = Set.copyOf(only);
    }

    public FixResult fix(String fileName, String source) throws DockerfileParseException {
        String text = source;
        LintResult current = linter.lint(DockerfileParser.parse(fileName, text));
        List<AppliedFix> applied = new ArrayList<>();
        List<AppliedFix> rejected = new ArrayList<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Finding> offered = chooseNonOverlapping(current.findings());
            if (offered.isEmpty()) {
                break;
            }
            Attempt batch = attempt(fileName, text, current, offered);
            if (batch != null) {
                text = batch.text;
                current = batch.result;
                for (Finding f : offered) {
                    applied.add(record(f));
                }
                continue;
            }
            boolean progress = false;
            for (Finding f : offered) {
                Attempt single = attempt(fileName, text, current, List.of(f));
                if (single == null) {
                    rejected.add(record(f));
                    continue;
                }
                text = single.text;
                current = single.result;
                applied.add(record(f));
                progress = true;
                break; // offsets of the other fixes refer to the old text: recompute them
            }
            if (!progress) {
                break;
            }
        }
        return new FixResult(fileName, source, text, applied, rejected);
    }

    private record Attempt(String text, LintResult result) {
    }

    /** The text with these findings' fixes, if it parses and no rule got more findings; else null. */
    private Attempt attempt(String fileName, String text, LintResult before, List<Finding> fixes) {
        List<TextEdit> edits = new ArrayList<>();
        for (Finding f : fixes) {
            edits.addAll(f.fix().orElseThrow().edits());
        }
        String candidate = Edits.apply(text, edits);
        if (candidate.equals(text)) {
            return null;
        }
        Dockerfile parsed;
        LintResult after;
        try {
            parsed = DockerfileParser.parse(fileName, candidate);
            after = linter.lint(parsed);
        } catch (DockerfileParseException e) {
            return null;
        }
        Map<String, Integer> was = counts(before);
        Map<String, Integer> now = counts(after);
        for (Map.Entry<String, Integer> e : now.entrySet()) {
            if (e.getValue() > was.getOrDefault(e.getKey(), 0)) {
                return null;
            }
        }
        // a fix must remove what it fixes, or rounds would repeat it forever
        int fixedBefore = 0;
        int fixedAfter = 0;
        for (String code : fixes.stream().map(Finding::code).distinct().toList()) {
            fixedBefore += was.getOrDefault(code, 0);
            fixedAfter += now.getOrDefault(code, 0);
        }
        return fixedAfter < fixedBefore ? new Attempt(candidate, after) : null;
    }

    private static Map<String, Integer> counts(LintResult r) {
        Map<String, Integer> out = new HashMap<>();
        for (Finding f : r.findings()) {
            out.merge(f.code(), 1, Integer::sum);
        }
        return out;
    }

    private List<Finding> chooseNonOverlapping(List<Finding> findings) {
        List<Finding> withFix = new ArrayList<>();
        for (Finding f : findings) {
            if (f.fix().isPresent() && (only.isEmpty() || only.contains(f.code()))) {
                withFix.add(f);
            }
        }
        withFix.sort(Comparator.comparingInt(f -> f.fix().get().edits().get(0).start()));
        List<Finding> chosen = new ArrayList<>();
        for (Finding f : withFix) {
            Fix fix = f.fix().get();
            if (chosen.stream().noneMatch(c -> c.fix().get().overlaps(fix))) {
                chosen.add(f);
            }
        }
        return chosen;
    }

    private static AppliedFix record(Finding f) {
        return new AppliedFix(f.code(), f.fix().map(Fix::description).orElse(""), f.line());
    }
}
