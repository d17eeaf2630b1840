package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.ast.Comment;
import dev.kiln.dockerfile.ast.Directive;
import dev.kiln.dockerfile.ast.Heredoc;
import dev.kiln.dockerfile.ast.LineIndex;
import dev.kiln.dockerfile.ast.Node;
import dev.kiln.dockerfile.ast.SourceRange;
import dev.kiln.dockerfile.ast.SyntaxTree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BuildKit's line parser: reads directives, joins continued lines (dropping inner comments and blank
 * lines), splits each instruction into a {@link Node} and reads heredoc bodies. No instruction-specific
 * checks happen here beyond what BuildKit's parser itself rejects.
 */
final class SyntaxParser {

    private static final Pattern DIRECTIVE = Pattern.compile("^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$");
    private static final Set<String> KNOWN_DIRECTIVES = Set.of("syntax", "escape", "check");

    private final String fileName;
    private final String source;
    private final LineIndex index;
    private final int[] starts;
    private final int[] ends;
    private final int lineCount;

    private char escape = '\\';
    private boolean directivesDone;
    private final Set<String> seenDirectives = new HashSet<>();
    private final List<Directive> directives = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();

    SyntaxParser(String fileName, String source) {
        this.fileName = fileName;
        this.source = source;
        this.index = new LineIndex(source);
        int count = index.lineCount();
        if (source.isEmpty() || source.endsWith("\n")) {
            count--; // no line after a final newline
        }
        this.lineCount = Math.max(count, 0);
        this.starts = new int[lineCount];
        this.ends = new int[lineCount];
        for (int i = 0; i < lineCount; i++) {
            int start = index.lineStart(i + 1);
            int next = i + 1 < index.lineCount() ? index.lineStart(i + 2) : source.length();
            int end = next;
            while (end > start && (source.charAt(end - 1) == '\n' || source.charAt(end - 1) == '\r')) {
                end--;
            }
            starts[i] = start;
            ends[i] = end;
        }
        if (lineCount > 0 && source.charAt(0) == '\uFEFF') {
            starts[0] = 1;
        }
    }

    /** The line table of the source, for callers that map more offsets. */
    LineIndex lineIndex() {
        return index;
    }

    SyntaxTree parse() throws DockerfileParseException {
        List<Comment> pending = new ArrayList<>();
        int i = 0;
        while (i < lineCount) {
            int start = skipSpace(starts[i], ends[i]);
            int end = ends[i];
            boolean comment = start < end && source.charAt(start) == '#';
            if (!directive(start, end) && comment) {
                Comment c = comment(start, end);
                if (c.text().isEmpty()) {
                    pending.clear();
                } else {
                    pending.add(c);
                }
            }
            i++;
            if (comment) {
                continue;
            }
            int cont = continuation(start, end);
            if (cont < 0 && start == end) {
                continue;
            }
            LogicalLine line = new LogicalLine(source, index);
            line.append(start, cont < 0 ? end : cont);
            int lastEnd = end;
            while (cont >= 0 && i < lineCount) {
                int ls = starts[i];
                int le = ends[i];
                int content = skipSpace(ls, le);
                directivesDone = true;
                i++;
                if (content < le && source.charAt(content) == '#') {
                    comment(content, le);
                    continue;
                }
                if (content == le) {
                    continue;
                }
                cont = continuation(ls, le);
                line.append(ls, cont < 0 ? le : cont);
                lastEnd = le;
            }
            String text = line.text();
            if (text.isBlank()) {
                continue;
            }
            NodeDraft draft = new NodeParser(line, text, escape, fileName).parse();
            List<Heredoc> heredocs = List.of();
            if (draft.canContainHeredoc() && text.contains("<<")) {
                heredocs = new ArrayList<>();
                for (HeredocMarkers.Marker marker : HeredocMarkers.find(text)) {
                    Heredoc h = readBody(marker, line, i);
                    heredocs.add(h);
                    lastEnd = h.terminatorRange().endOffset();
                    i = h.terminatorRange().startLine(); // the 0-based index of the line after it
                }
            }
            SourceRange range = index.range(draft.keywordRange().startOffset(), lastEnd);
            nodes.add(draft.finish(range, heredocs, pending));
            pending.clear();
        }
        if (nodes.isEmpty()) {
            int at = lineCount == 0 ? 0 : starts[lineCount - 1];
            throw new DockerfileParseException(fileName, index.range(at, at), "file with no instructions");
        }
        return new SyntaxTree(fileName, source, directives, escape, nodes, comments);
    }

    /** Reads a heredoc body starting at 0-based line {@code first}, up to its delimiter line. */
    private Heredoc readBody(HeredocMarkers.Marker marker, LogicalLine line, int first)
            throws DockerfileParseException {
        SourceRange markerRange = line.range(marker.start(), marker.end());
        int lineNo = first;
        while (lineNo < lineCount) {
            int ls = starts[lineNo];
            int le = ends[lineNo];
            int candidate = ls;
            if (marker.chomp()) {
                while (candidate < le && source.charAt(candidate) == '\t') {
                    candidate++;
                }
            }
            if (source.regionMatches(candidate, marker.name(), 0, marker.name().length())
                    && le - candidate == marker.name().length()) {
                int bodyStart = first < lineCount ? starts[first] : source.length();
                String content = source.substring(bodyStart, ls);
                return new Heredoc(marker.name(), marker.expand(), marker.chomp(), marker.fileDescriptor(), content,
                        markerRange, index.range(bodyStart, ls), index.range(ls, le));
            }
            lineNo++;
        }
        throw new DockerfileParseException(fileName, markerRange, "unterminated heredoc " + marker.name());
    }

    private Comment comment(int start, int end) {
        return addComment(new Comment(source.substring(start + 1, end).strip(), index.range(start, end)));
    }

    private Comment addComment(Comment c) {
        comments.add(c);
        return c;
    }

    /** Records a parser directive; false if the line is none (which ends the directive block). */
    private boolean directive(int start, int end) throws DockerfileParseException {
        if (directivesDone) {
            return false;
        }
        Matcher m = DIRECTIVE.matcher(source.substring(start, end));
        if (!m.matches()) {
            directivesDone = true;
            return false;
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        if (!KNOWN_DIRECTIVES.contains(name)) {
            directivesDone = true;
            return false;
        }
        SourceRange range = index.range(start, end);
        if (!seenDirectives.add(name)) {
            throw new DockerfileParseException(fileName, range, "only one " + name + " parser directive can be used");
        }
        String value = m.group(2);
        if (name.equals("escape")) {
            if (!value.equals("`") && !value.equals("\\")) {
                throw new DockerfileParseException(fileName, range,
                        "invalid escape token '" + value + "' does not match ` or \\");
            }
            escape = value.charAt(0);
        }
        directives.add(new Directive(name, value, range));
        return true;
    }

    /** Index of the continuation escape at the end of {@code [start, end)}, or -1. */
    private int continuation(int start, int end) {
        int p = end;
        while (p > start && (source.charAt(p - 1) == ' ' || source.charAt(p - 1) == '\t')) {
            p--;
        }
        if (p == start || source.charAt(p - 1) != escape) {
            return -1;
        }
        int esc = p - 1;
        if (esc > start && source.charAt(esc - 1) == escape) {
            return -1;
        }
        return esc;
    }

    private int skipSpace(int start, int end) {
        while (start < end && GoText.isSpace(source.charAt(start))) {
            start++;
        }
        return start;
    }
}
