package dev.kiln.lint.report;

import dev.kiln.dockerfile.ast.SourcePosition;
import dev.kiln.lint.Finding;
import dev.kiln.lint.Fix;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintResult;
import dev.kiln.lint.Rule;
import dev.kiln.lint.RuleInfo;
import dev.kiln.lint.TextEdit;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 (OASIS): one run, the tool's driver with every rule's metadata (id, descriptions, help
 * URI, default level), and one result per finding with its region (1-based, end column exclusive,
 * UTF-16 columns) and, when there is one, its fix as artifact changes.
 */
final class SarifReport implements Report {

    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    private final ToolInfo tool;

    SarifReport(ToolInfo tool) {
        this.tool = tool;
    }

    @Override
    public void write(List<LintResult> results, List<Rule> rules, PrintWriter out) {
        StringBuilder b = new StringBuilder();
        b.append("{\"$schema\":").append(Json.str(SCHEMA)).append(",\"version\":\"2.1.0\",\"runs\":[{");
        b.append("\"tool\":{\"driver\":{\"name\":").append(Json.str(tool.name()))
                .append(",\"version\":").append(Json.str(tool.version()))
                .append(",\"informationUri\":").append(Json.str(tool.informationUri()))
                .append(",\"rules\":[");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleInfo r = rules.get(i).info();
            index.put(r.code(), i);
            b.append(i == 0 ? "" : ",").append("{\"id\":").append(Json.str(r.code()))
                    .append(",\"name\":").append(Json.str(camel(r.title())))
                    .append(",\"shortDescription\":{\"text\":").append(Json.str(r.title())).append('}')
                    .append(",\"fullDescription\":{\"text\":").append(Json.str(r.advice())).append('}')
                    .append(",\"helpUri\":").append(Json.str(r.url()))
                    .append(",\"help\":{\"text\":").append(Json.str(r.advice())).append('}')
                    .append(",\"defaultConfiguration\":{\"level\":").append(Json.str(level(r.level())))
                    .append(r.level() == Level.IGNORE ? ",\"enabled\":false" : "").append('}')
                    .append('}');
        }
        b.append("]}},\"columnKind\":\"utf16CodeUnits\",\"results\":[");
        boolean first = true;
        for (LintResult r : results) {
            SourceLines lines = new SourceLines(r.source());
            String uri = uri(r.file());
            for (Finding f : r.findings()) {
                b.append(first ? "" : ",");
                first = false;
                b.append("{\"ruleId\":").append(Json.str(f.code()));
                Integer i = index.get(f.code());
                if (i != null) {
                    b.append(",\"ruleIndex\":").append(i);
                }
                b.append(",\"level\":").append(Json.str(level(f.level())))
                        .append(",\"message\":{\"text\":").append(Json.str(f.message())).append('}')
                        .append(",\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":")
                        .append(Json.str(uri)).append("},\"region\":")
                        .append(region(f.range().start(), f.range().end())).append("}}]");
                f.fix().ifPresent(x -> fix(b, x, uri, lines));
                b.append('}');
            }
        }
        b.append("]}]}");
        out.println(b);
        out.flush();
    }

    private static void fix(StringBuilder b, Fix fix, String uri, SourceLines lines) {
        b.append(",\"fixes\":[{\"description\":{\"text\":").append(Json.str(fix.description())).append('}')
                .append(",\"artifactChanges\":[{\"artifactLocation\":{\"uri\":").append(Json.str(uri))
                .append("},\"replacements\":[");
        for (int i = 0; i < fix.edits().size(); i++) {
            TextEdit e = fix.edits().get(i);
            b.append(i == 0 ? "" : ",").append("{\"deletedRegion\":").append(region(lines.start(e), lines.end(e)))
                    .append(",\"insertedContent\":{\"text\":").append(Json.str(e.text())).append("}}");
        }
        b.append("]}]}]");
    }

    private static String region(SourcePosition start, SourcePosition end) {
        return "{\"startLine\":" + start.line() + ",\"startColumn\":" + start.column() + ",\"endLine\":" + end.line()
                + ",\"endColumn\":" + end.column() + ",\"charOffset\":" + start.offset() + ",\"charLength\":"
                + (end.offset() - start.offset()) + "}";
    }

    static String level(Level level) {
        return switch (level) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO, STYLE -> "note";
            case IGNORE -> "none";
        };
    }

    /** A relative path as a URI reference ({@code -} for standard input becomes {@code stdin}). */
    static String uri(String file) {
        String f = file.equals("-") ? "stdin" : file.replace('\\', '/');
        StringBuilder b = new StringBuilder();
        for (char c : f.toCharArray()) {
            if (c == ' ') {
                b.append("%20");
            } else if (c == '%' || c == '#' || c == '?') {
                b.append(String.format("%%%02X", (int) c));
            } else {
                b.append(c);
            }
        }
        return f.startsWith("/") ? "file://" + b : b.toString();
    }

    private static String camel(String title) {
        StringBuilder b = new StringBuilder();
        boolean up = true;
        for (char c : title.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            } else {
                up = true;
            }
        }
        return b.toString();
    }
}
