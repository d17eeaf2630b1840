package dev.kiln.lint.report;

import static dev.kiln.TerminalText.safe;

import dev.kiln.TerminalText;
import dev.kiln.dockerfile.ast.SourceRange;
import dev.kiln.lint.Finding;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintResult;
import dev.kiln.lint.Rule;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * For people: {@code file:line:col level code message}, the source line with the range underlined,
 * and the rule's one-line advice; ANSI colours only when asked (a terminal without NO_COLOR).
 */
final class TtyReport implements Report {

    private final boolean color;

    TtyReport(boolean color) {
        this.color = color;
    }

    @Override
    public void write(List<LintResult> results, List<Rule> rules, PrintWriter out) {
        Map<Level, Integer> counts = new EnumMap<>(Level.class);
        int files = 0;
        for (LintResult r : results) {
            if (r.findings().isEmpty()) {
                continue;
            }
            files++;
            SourceLines lines = new SourceLines(r.source());
            for (Finding f : r.findings()) {
                counts.merge(f.level(), 1, Integer::sum);
                finding(r.file(), f, lines, out);
            }
        }
        if (!counts.isEmpty()) {
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            StringBuilder b = new StringBuilder();
            for (Map.Entry<Level, Integer> e : counts.entrySet()) {
                String name = e.getKey().id();
                boolean plural = e.getValue() > 1 && (e.getKey() == Level.ERROR || e.getKey() == Level.WARNING);
                b.append(b.length() == 0 ? "" : ", ").append(e.getValue()).append(' ').append(name).append(plural ? "s" : "");
            }
            out.println(paint("1", total + (total == 1 ? " finding" : " findings") + " (" + b + ") in " + files
                    + (files == 1 ? " file" : " files")));
        }
        out.flush();
    }

    private void finding(String file, Finding f, SourceLines lines, PrintWriter out) {
        SourceRange r = f.range();
        out.println(safe(file) + ":" + f.line() + ":" + f.column() + " " + paint(levelColor(f.level()), f.level().id())
                + " " + paint("1", f.code()) + " " + safe(f.message()));
        String text = lines.line(f.line());
        String number = Integer.toString(f.line());
        String gutter = " ".repeat(Math.max(0, 4 - number.length())) + number + " | ";
        String blank = " ".repeat(gutter.length() - 2) + "| ";
        out.println(paint("2", gutter) + safe(text));
        int startCol = Math.min(f.column(), text.length() + 1);
        int endCol = r.endLine() == r.startLine() ? Math.min(r.end().column(), text.length() + 1) : text.length() + 1;
        // columns count characters as written; escaped controls are wider on screen
        String pad = TerminalText.padUnder(text, startCol - 1);
        int width = TerminalText.padUnder(text, endCol - 1).length() - pad.length();
        String marks = "^".repeat(Math.max(1, width));
        out.println(paint("2", blank) + pad + paint(levelColor(f.level()), marks)
                + f.fix().map(x -> paint("2", "  fix: " + safe(x.description()))).orElse(""));
        out.println(paint("2", blank.substring(0, blank.length() - 2) + "= " + f.rule().advice() + " ("
                + f.rule().url() + ")"));
    }

    private static String levelColor(Level level) {
        return switch (level) {
            case ERROR -> "1;31";
            case WARNING -> "1;33";
            case INFO -> "1;36";
            case STYLE -> "1;35";
            case IGNORE -> "2";
        };
    }

    private String paint(String sgr, String text) {
        return color ? "\u001b[" + sgr + "m" + text + "\u001b[0m" : text;
    }
}
