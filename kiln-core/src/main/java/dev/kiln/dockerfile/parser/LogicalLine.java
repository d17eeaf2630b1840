package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.ast.LineIndex;
import dev.kiln.dockerfile.ast.SourceRange;
import java.util.Arrays;

/**
 * One instruction's text with its physical lines joined (continuations and inner comment lines
 * removed), remembering where every char came from so that a span of the joined text maps back to an
 * exact source range.
 */
final class LogicalLine {

    private final StringBuilder text = new StringBuilder();
    private int[] logicalStarts = new int[4];
    private int[] sourceStarts = new int[4];
    private int segments;
    private final String source;
    private final LineIndex lines;

    LogicalLine(String source, LineIndex lines) {
        this.source = source;
        this.lines = lines;
    }

    void append(int sourceStart, int sourceEnd) {
        if (segments == logicalStarts.length) {
            logicalStarts = Arrays.copyOf(logicalStarts, segments * 2);
            sourceStarts = Arrays.copyOf(sourceStarts, segments * 2);
        }
        logicalStarts[segments] = text.length();
        sourceStarts[segments] = sourceStart;
        segments++;
        text.append(source, sourceStart, sourceEnd);
    }

    String text() {
        return text.toString();
    }

    int length() {
        return text.length();
    }

    /** Source offset of the char at a logical index (or just past the end for {@code length()}). */
    int sourceOffset(int logical) {
        if (logical >= text.length()) {
            return sourceEnd(logical);
        }
        int lo = 0;
        int hi = segments - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (logicalStarts[mid] <= logical) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return sourceStarts[lo] + (logical - logicalStarts[lo]);
    }

    /** Source offset just after the char before a logical end index. */
    int sourceEnd(int logicalEnd) {
        if (logicalEnd <= 0) {
            return sourceStarts[0];
        }
        return sourceOffset(Math.min(logicalEnd, text.length()) - 1) + 1;
    }

    /** The source range of the logical span {@code [start, end)}. */
    SourceRange range(int start, int end) {
        if (start >= end) {
            int at = start >= text.length() ? sourceEnd(text.length()) : sourceOffset(start);
            return lines.range(at, at);
        }
        return lines.range(sourceOffset(start), sourceEnd(end));
    }
}
