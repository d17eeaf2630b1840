package dev.kiln.lint.report;

import dev.kiln.dockerfile.ast.SourcePosition;
import dev.kiln.lint.Finding;
import dev.kiln.lint.Fix;
import dev.kiln.lint.LintResult;
import dev.kiln.lint.Rule;
import dev.kiln.lint.TextEdit;
import java.io.PrintWriter;
import java.util.List;

/**
 * hadolint's JSON: an array of {@code {code, column, file, level, line, message}}, plus
 * {@code endLine}, {@code endColumn} (exclusive) and {@code fix} ({@code null}, or its description and
 * edits with 1-based positions).
 */
final class JsonReport implements Report {

    @Override
    public void write(List<LintResult> results, List<Rule> rules, PrintWriter out) {
        StringBuilder b = new StringBuilder("[");
        boolean first = true;
        for (LintResult r : results) {
            SourceLines lines = new SourceLines(r.source());
            for (Finding f : r.findings()) {
                b.append(first ? "" : ",");
                first = false;
                b.append("{\"code\":").append(Json.str(f.code()))
                        .append(",\"column\":").append(f.column())
                        .append(",\"file\":").append(Json.str(r.file()))
                        .append(",\"level\":").append(Json.str(f.level().id()))
                        .append(",\"line\":").append(f.line())
                        .append(",\"message\":").append(Json.str(f.message()))
                        .append(",\"endLine\":").append(f.range().endLine())
                        .append(",\"endColumn\":").append(f.range().end().column())
                        .append(",\"fix\":");
                if (f.fix().isEmpty()) {
                    b.append("null");
                } else {
                    fix(b, f.fix().get(), lines);
                }
                b.append('}');
            }
        }
        out.println(b.append(']'));
        out.flush();
    }

    private static void fix(StringBuilder b, Fix fix, SourceLines lines) {
        b.append("{\"description\":").append(Json.str(fix.description())).append(",\"edits\":[");
        for (int i = 0; i < fix.edits().size(); i++) {
            TextEdit e = fix.edits().get(i);
            SourcePosition s = lines.start(e);
            SourcePosition t = lines.end(e);
            b.append(i == 0 ? "" : ",").append("{\"line\":").append(s.line()).append(",\"column\":").append(s.column())
                    .append(",\"endLine\":").append(t.line()).append(",\"endColumn\":").append(t.column())
                    .append(",\"text\":").append(Json.str(e.text())).append('}');
        }
        b.append("]}");
    }
}
