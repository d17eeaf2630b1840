package dev.kiln.dockerfile.ast;

import java.util.Arrays;

/**
 * Turns char offsets of a text into {@link SourcePosition}s (line and column) by binary search over
 * the line starts. Lines end at {@code \n}; a {@code \r} before it belongs to the line's terminator.
 */
public final class LineIndex {

    private final int[] lineStarts;
    private final int length;

    public LineIndex(CharSequence text) {
        this(text.toString());
    }

    public LineIndex(String text) {
        int[] starts = new int[64];
        int count = 0;
        starts[count++] = 0;
        // indexOf is vectorised by the JVM: much faster than charAt over a whole file
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = nl + 1;
        }
        this.lineStarts = Arrays.copyOf(starts, count);
        this.length = text.length();
    }

    /** Number of lines (a text ending in a newline has an empty last line). */
    public int lineCount() {
        return lineStarts.length;
    }

    /** Offset of the first char of a 1-based line. */
    public int lineStart(int line) {
        return lineStarts[line - 1];
    }

    /** The position of a char offset (0..length inclusive). */
    public SourcePosition position(int offset) {
        if (offset < 0 || offset > length) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside 0.." + length);
        }
        int index = Arrays.binarySearch(lineStarts, offset);
        int line = index >= 0 ? index : -index - 2;
        return new SourcePosition(line + 1, offset - lineStarts[line] + 1, offset);
    }

    /** The range between two char offsets. */
    public SourceRange range(int startOffset, int endOffset) {
        return new SourceRange(position(startOffset), position(endOffset));
    }
}
