package dev.kiln.lint;

/**
 * Replace the source text {@code [start, end)} (char offsets of {@code Dockerfile.source()}) with
 * {@code text}. An insertion has {@code start == end}; a deletion has empty text.
 */
public record TextEdit(int start, int end, String text) implements Comparable<TextEdit> {

    public TextEdit {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad edit range " + start + ".." + end);
        }
        if (text == null) {
            throw new IllegalArgumentException("edit text is null");
        }
    }

    public static TextEdit insert(int offset, String text) {
        return new TextEdit(offset, offset, text);
    }

    /** True if the two edits touch the same text (two insertions at one offset also conflict). */
    public boolean overlaps(TextEdit other) {
        if (start == end && other.start == other.end) {
            return start == other.start;
        }
        return start < other.end && other.start < end || start == other.start;
    }

    @Override
    public int compareTo(TextEdit o) {
        return start != o.start ? Integer.compare(start, o.start) : Integer.compare(end, o.end);
    }
}
