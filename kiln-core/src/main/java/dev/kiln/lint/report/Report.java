package dev.kiln.lint.report;

import dev.kiln.lint.LintResult;
import dev.kiln.lint.Rule;
import java.io.PrintWriter;
import java.util.List;

/** Writes lint results in one output format. */
public interface Report {

    /**
     * @param results one per file, in the order given on the command line
     * @param rules   the rules that ran (formats with rule metadata list them)
     * @param out     where to write
     */
    void write(List<LintResult> results, List<Rule> rules, PrintWriter out);
}
