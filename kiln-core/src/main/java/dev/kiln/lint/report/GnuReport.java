package dev.kiln.lint.report;

import dev.kiln.lint.Finding;
import dev.kiln.lint.LintResult;
import dev.kiln.lint.Rule;
import java.io.PrintWriter;
import java.util.List;

/**
 * The GNU error format editors jump to: {@code file:line.col-endline.endcol: level: message [code]}
 * (end column inclusive, as the GNU coding standards write ranges).
 */
final class GnuReport implements Report {

    @Override
    public void write(List<LintResult> results, List<Rule> rules, PrintWriter out) {
        for (LintResult r : results) {
            for (Finding f : r.findings()) {
                int endLine = f.range().endLine();
                int endCol = Math.max(f.range().end().column() - 1, 1);
                if (f.range().length() == 0) {
                    endLine = f.line();
                    endCol = f.column();
                }
                out.println(r.file() + ":" + f.line() + "." + f.column() + "-" + endLine + "." + endCol + ": "
                        + f.level().id() + ": " + f.message() + " [" + f.code() + "]");
            }
        }
        out.flush();
    }
}
