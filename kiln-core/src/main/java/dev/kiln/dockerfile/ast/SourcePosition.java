package dev.kiln.dockerfile.ast;

/**
 * A point in a Dockerfile's text.
 *
 * @param line   1-based line number
 * @param column 1-based column, counted in UTF-16 chars from the start of the line
 * @param offset 0-based char index into the whole source text (as held by {@link Dockerfile#source()})
 */
public record SourcePosition(int line, int column, int offset) implements Comparable<SourcePosition> {

    public SourcePosition {
        if (line < 1 || column < 1 || offset < 0) {
            throw new IllegalArgumentException("bad position " + line + ":" + column + " @" + offset);
        }
    }

    /** The start of a text. */
    public static final SourcePosition START = new SourcePosition(1, 1, 0);

    @Override
    public int compareTo(SourcePosition other) {
        return Integer.compare(offset, other.offset);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
