package dev.kiln.lint.report;

import dev.kiln.dockerfile.ast.LineIndex;
import dev.kiln.dockerfile.ast.SourcePosition;
import dev.kiln.lint.TextEdit;

/** Lines and positions of a linted text, for quoting source lines and locating fix edits. */
final class SourceLines {

    private final String text;
    private final LineIndex index;

    SourceLines(String text) {
        this.text = text;
        this.index = new LineIndex(text);
    }

    /** A 1-based line without its line break. */
    String line(int line) {
        if (line < 1 || line > index.lineCount()) {
            return "";
        }
        int start = index.lineStart(line);
        int end = text.indexOf('\n', start);
        if (end < 0) {
            end = text.length();
        }
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, end);
    }

    SourcePosition position(int offset) {
        return index.position(Math.min(Math.max(0, offset), text.length()));
    }

    SourcePosition start(TextEdit e) {
        return position(e.start());
    }

    SourcePosition end(TextEdit e) {
        return position(e.end());
    }
}
