package dev.kiln.lint.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff ({@code diff -u} format, 3 lines of context) between two texts, from their longest
 * common subsequence of lines. Dockerfiles are small, so the quadratic table is fine.
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff, or "" when the texts are equal. */
    public static String of(String oldName, String newName, String oldText, String newText) {
        if (oldText.equals(newText)) {
            return "";
        }
        List<String> a = lines(oldText);
        List<String> b = lines(newText);
        List<int[]> ops = script(a, b); // {kind: 0 same, -1 delete, 1 insert, indexA, indexB}
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i)[0] == 0) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while changes are within 2*CONTEXT lines of each other
            int lastChange = i;
            while (end < ops.size()) {
                if (ops.get(end)[0] != 0) {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            int aStart = -1;
            int bStart = -1;
            int aCount = 0;
            int bCount = 0;
            StringBuilder body = new StringBuilder();
            for (int k = start; k < end; k++) {
                int[] op = ops.get(k);
                if (aStart < 0) {
                    aStart = op[1];
                    bStart = op[2];
                }
                if (op[0] == 0) {
                    body.append(' ').append(a.get(op[1]));
                    aCount++;
                    bCount++;
                } else if (op[0] < 0) {
                    body.append('-').append(a.get(op[1]));
                    aCount++;
                } else {
                    body.append('+').append(b.get(op[2]));
                    bCount++;
                }
                body.append('\n');
            }
            out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@\n");
            out.append(body);
            i = end;
        }
        if (!oldText.endsWith("\n") || !newText.endsWith("\n")) {
            out.append("\\ No newline at end of file\n");
        }
        return out.toString();
    }

    private static String range(int start, int count) {
        int first = count == 0 ? start : start + 1;
        return count == 1 ? Integer.toString(first) : first + "," + count;
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int nl = text.indexOf('\n', at);
            if (nl < 0) {
                out.add(text.substring(at));
                break;
            }
            out.add(text.substring(at, nl));
            at = nl + 1;
        }
        return out;
    }

    /** The edit script: each op is {kind, index in a (next line of a), index in b}. */
    private static List<int[]> script(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<int[]> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(new int[] {0, i++, j++});
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new int[] {-1, i++, j});
            } else {
                ops.add(new int[] {1, i, j++});
            }
        }
        return ops;
    }
}
