package dev.kiln.dockerfile.ast;

/**
 * A span of a Dockerfile's text: {@code start} inclusive, {@code end} exclusive. {@code end.line()} is
 * therefore the last line the span touches (BuildKit's inclusive end line), unless the span is empty.
 * {@code source.substring(start.offset(), end.offset())} is the exact text, which is what a fix edits.
 */
public record SourceRange(SourcePosition start, SourcePosition end) {

    public SourceRange {
        if (end.offset() < start.offset()) {
            throw new IllegalArgumentException("range ends before it starts: " + start + " > " + end);
        }
    }

    /** An empty range at one position (for values the parser synthesises, such as ENV's separators). */
    public static SourceRange at(SourcePosition position) {
        return new SourceRange(position, position);
    }

    public int startLine() {
        return start.line();
    }

    public int endLine() {
        return end.line();
    }

    public int startOffset() {
        return start.offset();
    }

    public int endOffset() {
        return end.offset();
    }

    public int length() {
        return end.offset() - start.offset();
    }

    public boolean contains(SourcePosition position) {
        return position.offset() >= start.offset() && position.offset() < end.offset();
    }

    /** The smallest range covering both. */
    public SourceRange union(SourceRange other) {
        SourcePosition s = start.offset() <= other.start.offset() ? start : other.start;
        SourcePosition e = end.offset() >= other.end.offset() ? end : other.end;
        return new SourceRange(s, e);
    }

    /** The covered text of {@code source}. */
    public String textOf(String source) {
        return source.substring(start.offset(), end.offset());
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
