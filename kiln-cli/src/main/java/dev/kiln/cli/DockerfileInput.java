package dev.kiln.cli;

import dev.kiln.TerminalText;
import dev.kiln.dockerfile.ast.LineIndex;
import dev.kiln.dockerfile.ast.SourcePosition;
import dev.kiln.dockerfile.parser.DockerfileParseException;
import dev.kiln.dockerfile.parser.DockerfileParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A Dockerfile named on the command line: a path, or {@code -} for standard input (read once). */
record DockerfileInput(String name, String text, Optional<Path> path) {

    static DockerfileInput read(String arg, Terminal terminal) throws IOException {
        if (arg.equals("-")) {
            return new DockerfileInput("-", DockerfileParser.decode(terminal.in().readAllBytes()), Optional.empty());
        }
        Path p = Path.of(arg);
        if (Files.isDirectory(p)) {
            p = p.resolve("Dockerfile");
        }
        return new DockerfileInput(p.toString(), DockerfileParser.decode(Files.readAllBytes(p)), Optional.of(p));
    }

    /** The directory of the file, for finding its config (empty for standard input). */
    Optional<Path> directory() {
        return path.map(p -> p.toAbsolutePath().getParent());
    }

    /** Prints a parse error as one {@code kiln: error:} line, then the line and a caret. */
    static void printParseError(DockerfileParseException e, String text, PrintWriter err) {
        err.println("kiln: error: " + TerminalText.safe(e.getMessage()));
        SourcePosition at = e.range().start();
        LineIndex index = new LineIndex(text);
        if (at.line() <= index.lineCount()) {
            int start = index.lineStart(at.line());
            int end = text.indexOf('\n', start);
            String line = text.substring(start, end < 0 ? text.length() : end).replace("\r", "");
            String pad = TerminalText.padUnder(line, at.column() - 1);
            err.println(String.format("%4d | ", at.line()) + TerminalText.safe(line));
            err.println("     | " + pad + "^");
        }
    }
}
