package dev.kiln.dockerfile.parser;

import dev.kiln.KilnException;
import dev.kiln.dockerfile.ast.SourceRange;

/**
 * A Dockerfile that BuildKit would reject, or a value that cannot be evaluated. The message reads
 * {@code Dockerfile:12:1: COPY requires at least two arguments} (file:line:column: detail).
 */
public class DockerfileParseException extends KilnException {

    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final transient SourceRange range;
    private final String detail;

    public DockerfileParseException(String fileName, SourceRange range, String detail) {
        super(Kind.BAD_INPUT, fileName + ":" + range.start().line() + ":" + range.start().column() + ": " + detail);
        this.fileName = fileName;
        this.range = range;
        this.detail = detail;
    }

    /** The file name given to the parser. */
    public String fileName() {
        return fileName;
    }

    /** Where the problem is. */
    public SourceRange range() {
        return range;
    }

    /** The message without the location prefix. */
    public String detail() {
        return detail;
    }
}
