package dev.kiln.dockerfile.shell;

import dev.kiln.dockerfile.ast.LineIndex;
import dev.kiln.dockerfile.ast.SourceRange;

/**
 * Maps offsets of a shell script (the joined RUN text, or a heredoc body) back to the Dockerfile:
 * each script char to its source offset, so positions stay exact across line continuations and the
 * comment lines BuildKit drops from inside an instruction.
 */
public final class PositionMap {

    private final int[] offsets;
    private final LineIndex lines;

    private PositionMap(int[] offsets, LineIndex lines) {
        this.offsets = offsets;
        this.lines = lines;
    }

    /** For text taken verbatim from {@code source} at {@code start} (a heredoc body). */
    public static PositionMap verbatim(String source, int start, int length) {
        int[] offsets = new int[length + 1];
        for (int i = 0; i <= length; i++) {
            offsets[i] = start + i;
        }
        return new PositionMap(offsets, new LineIndex(source));
    }

    /**
     * For text that starts at {@code start} in {@code source} and continues over lines ending in the
     * escape character, as the Dockerfile parser joined them.
     */
    public static PositionMap joined(String source, int start, int length, char escape) {
        int[] offsets = new int[length + 1];
        int pos = start;
        int i = 0;
        while (i < length && pos <= source.length()) {
            int lineEnd = source.indexOf('\n', pos);
            int next = lineEnd < 0 ? source.length() : lineEnd + 1;
            int contentEnd = lineEnd < 0 ? source.length() : lineEnd;
            while (contentEnd > pos && source.charAt(contentEnd - 1) == '\r') {
                contentEnd--;
            }
            int cont = continuation(source, lineStart(source, pos), contentEnd, escape);
            int segEnd = cont >= 0 ? cont : contentEnd;
            while (pos < segEnd && i < length) {
                offsets[i++] = pos++;
            }
            if (cont < 0 || next >= source.length()) {
                break;
            }
            pos = next;
            while (pos < source.length()) { // skip dropped comment and blank lines
                int e = source.indexOf('\n', pos);
                int end = e < 0 ? source.length() : e;
                int p = pos;
                while (p < end && Character.isWhitespace(source.charAt(p))) {
                    p++;
                }
                if (p < end && source.charAt(p) != '#') {
                    break;
                }
                if (e < 0) {
                    pos = source.length();
                    break;
                }
                pos = e + 1;
            }
        }
        int last = i == 0 ? start : offsets[i - 1] + 1;
        for (; i <= length; i++) {
            offsets[i] = last;
        }
        return new PositionMap(offsets, new LineIndex(source));
    }

    private static int lineStart(String source, int pos) {
        int nl = source.lastIndexOf('\n', pos - 1);
        return nl + 1;
    }

    private static int continuation(String source, int start, int end, char escape) {
        int p = end;
        while (p > start && (source.charAt(p - 1) == ' ' || source.charAt(p - 1) == '\t')) {
            p--;
        }
        if (p == start || source.charAt(p - 1) != escape) {
            return -1;
        }
        if (p - 1 > start && source.charAt(p - 2) == escape) {
            return -1;
        }
        return p - 1;
    }

    /** Source offset of a script offset. */
    public int offset(int scriptOffset) {
        return offsets[Math.min(Math.max(scriptOffset, 0), offsets.length - 1)];
    }

    /** The source range of script span {@code [start, end)}. */
    public SourceRange range(int start, int end) {
        int s = offset(start);
        int e = end > start ? offset(end - 1) + 1 : s;
        return lines.range(s, Math.max(s, e));
    }
}
