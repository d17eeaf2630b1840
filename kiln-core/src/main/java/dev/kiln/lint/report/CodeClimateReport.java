package dev.kiln.lint.report;

import dev.kiln.lint.Finding;
import dev.kiln.lint.LintResult;
import dev.kiln.lint.Rule;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Code Climate issues: the engine format (each issue object followed by a NUL byte) or, for GitLab's
 * code quality report, a JSON array. Fingerprints hash file, rule, message and the finding's
 * occurrence number, not its line, so they survive edits above it.
 */
final class CodeClimateReport implements Report {

    private final boolean gitlab;

    CodeClimateReport(boolean gitlab) {
        this.gitlab = gitlab;
    }

    @Override
    public void write(List<LintResult> results, List<Rule> rules, PrintWriter out) {
        StringBuilder b = new StringBuilder(gitlab ? "[" : "");
        boolean first = true;
        for (LintResult r : results) {
            Map<String, Integer> seen = new HashMap<>();
            for (Finding f : r.findings()) {
                String key = r.file() + "\u0000" + f.code() + "\u0000" + f.message();
                int n = seen.merge(key, 1, Integer::sum);
                if (gitlab) {
                    b.append(first ? "" : ",");
                }
                first = false;
                b.append("{\"type\":\"issue\",\"check_name\":").append(Json.str(f.code()))
                        .append(",\"description\":").append(Json.str(f.message()))
                        .append(",\"content\":{\"body\":").append(Json.str(f.rule().advice() + " " + f.rule().url()))
                        .append("},\"categories\":[").append(Json.str(category(f))).append(']')
                        .append(",\"location\":{\"path\":").append(Json.str(r.file()))
                        .append(",\"lines\":{\"begin\":").append(f.line()).append(",\"end\":").append(f.range().endLine())
                        .append("}},\"severity\":").append(Json.str(severity(f)))
                        .append(",\"fingerprint\":").append(Json.str(fingerprint(key + "\u0000" + n)))
                        .append('}');
                if (!gitlab) {
                    b.append('\u0000');
                }
            }
        }
        if (gitlab) {
            b.append(']');
            out.println(b);
        } else {
            out.print(b);
        }
        out.flush();
    }

    private static String category(Finding f) {
        return switch (f.level()) {
            case STYLE -> "Style";
            case INFO -> "Clarity";
            default -> "Bug Risk";
        };
    }

    private static String severity(Finding f) {
        return switch (f.level()) {
            case ERROR -> "critical";
            case WARNING -> "major";
            case INFO -> "minor";
            case STYLE, IGNORE -> "info";
        };
    }

    private static String fingerprint(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
