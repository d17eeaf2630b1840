package dev.kiln.lint.report;

import dev.kiln.lint.Finding;
import dev.kiln.lint.LintResult;
import dev.kiln.lint.Rule;
import java.io.PrintWriter;
import java.util.List;

/** Checkstyle XML (version 4.3), as CI plugins read it: one file element per Dockerfile. */
final class CheckstyleReport implements Report {

    @Override
    public void write(List<LintResult> results, List<Rule> rules, PrintWriter out) {
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.println("<checkstyle version=\"4.3\">");
        for (LintResult r : results) {
            out.println("  <file name=\"" + xml(r.file()) + "\">");
            for (Finding f : r.findings()) {
                out.println("    <error line=\"" + f.line() + "\" column=\"" + f.column() + "\" severity=\""
                        + severity(f) + "\" message=\"" + xml(f.message()) + "\" source=\"" + xml(f.code()) + "\"/>");
            }
            out.println("  </file>");
        }
        out.println("</checkstyle>");
        out.flush();
    }

    private static String severity(Finding f) {
        return switch (f.level()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO, STYLE -> "info";
            case IGNORE -> "ignore";
        };
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\n' -> b.append("&#10;");
                case '\t' -> b.append("&#9;");
                default -> {
                    if (c >= 0x20 || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
