package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.ast.Flag;
import dev.kiln.dockerfile.ast.SourceRange;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.dockerfile.ast.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits one logical line into keyword, flags and arguments exactly as BuildKit's line parser does,
 * keeping the logical span of every piece so it maps back to the source.
 */
final class NodeParser {

    private final LogicalLine line;
    private final String text;
    private final char escape;
    private final String fileName;

    NodeParser(LogicalLine line, String text, char escape, String fileName) {
        this.line = line;
        this.text = text;
        this.escape = escape;
        this.fileName = fileName;
    }

    NodeDraft parse() throws DockerfileParseException {
        int start = 0;
        int end = text.length();
        while (start < end && GoText.isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && GoText.isSpace(text.charAt(end - 1))) {
            end--;
        }
        return parse(start, end);
    }

    private NodeDraft parse(int start, int end) throws DockerfileParseException {
        int k = start;
        while (k < end && !GoText.isBlank(text.charAt(k))) {
            k++;
        }
        String keyword = text.substring(start, k);
        SourceRange keywordRange = line.range(start, k);
        int r = k;
        while (r < end && GoText.isBlank(text.charAt(r))) {
            r++;
        }
        List<Flag> flags = new ArrayList<>();
        int argsStart = r < end ? extractFlags(r, end, flags) : end;
        while (argsStart < end && GoText.isSpace(text.charAt(argsStart))) {
            argsStart++;
        }
        Word rest = new Word(text.substring(argsStart, end), text.substring(argsStart, end),
                line.range(argsStart, end));
        String original = text.substring(start, end);
        List<Word> args = new ArrayList<>();
        String lower = keyword.toLowerCase(Locale.ROOT);
        boolean json = false;
        NodeDraft child = null;
        switch (lower) {
            case "run": case "cmd": case "entrypoint": case "shell":
                json = maybeJson(argsStart, end, args, false);
                break;
            case "add": case "copy": case "volume":
                json = maybeJson(argsStart, end, args, true);
                break;
            case "from": case "expose":
                splitBlank(argsStart, end, args);
                break;
            case "maintainer": case "user": case "workdir": case "stopsignal":
                if (argsStart < end) {
                    args.add(word(argsStart, end));
                }
                break;
            case "arg":
                for (int[] w : ShellWords.split(text, argsStart, end, escape)) {
                    args.add(word(w[0], w[1]));
                }
                break;
            case "env": case "label":
                nameValues(keyword.toUpperCase(Locale.ROOT), argsStart, end, args);
                break;
            case "healthcheck":
                json = healthcheck(argsStart, end, args);
                break;
            case "onbuild":
                if (argsStart < end) {
                    child = parse(argsStart, end);
                }
                break;
            default:
                args.add(new Word("", "", line.range(argsStart, argsStart)));
        }
        return new NodeDraft(keyword, keywordRange, flags, args, json, child, original, rest);
    }

    private Word word(int s, int e) {
        String raw = text.substring(s, e);
        return new Word(raw, Words.unquote(raw, escape), line.range(s, e));
    }

    private Word literal(int s, int e) {
        String raw = text.substring(s, e);
        return new Word(raw, raw, line.range(s, e));
    }

    /** Exec form if the text is a JSON string array; otherwise one shell string or (for lists) blank-split words. */
    private boolean maybeJson(int s, int e, List<Word> args, boolean list) throws DockerfileParseException {
        if (s >= e) {
            return false;
        }
        if (text.charAt(s) == '[') {
            JsonArray.Result result = JsonArray.parse(text, s, e);
            if (result.outcome() == JsonArray.Outcome.STRINGS) {
                for (JsonArray.Element el : result.elements()) {
                    args.add(new Word(text.substring(el.start(), el.end()), el.value(),
                            line.range(el.start(), el.end())));
                }
                return true;
            }
            if (result.outcome() == JsonArray.Outcome.NOT_STRINGS) {
                throw new DockerfileParseException(fileName, line.range(s, e),
                        "when using JSON array syntax, arrays must be comprised of strings only");
            }
        }
        if (list) {
            splitBlank(s, e, args);
        } else {
            args.add(literal(s, e));
        }
        return false;
    }

    private void splitBlank(int s, int e, List<Word> args) {
        int i = s;
        while (i < e) {
            while (i < e && GoText.isBlank(text.charAt(i))) {
                i++;
            }
            int w = i;
            while (i < e && !GoText.isBlank(text.charAt(i))) {
                i++;
            }
            if (i > w) {
                args.add(word(w, i));
            }
        }
    }

    private void nameValues(String keyword, int s, int e, List<Word> args) throws DockerfileParseException {
        List<int[]> words = ShellWords.split(text, s, e, escape);
        if (words.isEmpty()) {
            return;
        }
        int[] first = words.get(0);
        if (text.indexOf('=', first[0]) < 0 || text.indexOf('=', first[0]) >= first[1]) {
            int k = s;
            while (k < e && !GoText.isBlank(text.charAt(k))) {
                k++;
            }
            int v = k;
            while (v < e && GoText.isBlank(text.charAt(v))) {
                v++;
            }
            if (v >= e) {
                throw new DockerfileParseException(fileName, line.range(s, e), keyword + " must have two arguments");
            }
            args.add(word(s, k));
            args.add(word(v, e));
            args.add(new Word("", "", line.range(e, e)));
            return;
        }
        for (int[] w : words) {
            int eq = text.indexOf('=', w[0]);
            if (eq < 0 || eq >= w[1]) {
                throw new DockerfileParseException(fileName, line.range(w[0], w[1]),
                        "Syntax error - can't find = in \"" + text.substring(w[0], w[1])
                                + "\". Must be of the form: name=value");
            }
            args.add(word(w[0], eq));
            args.add(word(eq + 1, w[1]));
            args.add(new Word("=", "=", line.range(eq, eq + 1)));
        }
    }

    private boolean healthcheck(int s, int e, List<Word> args) throws DockerfileParseException {
        int sep = s;
        while (sep < e && !GoText.isSpace(text.charAt(sep))) {
            sep++;
        }
        if (sep == s) {
            return false;
        }
        int next = sep;
        while (next < e && GoText.isSpace(text.charAt(next))) {
            next++;
        }
        args.add(literal(s, sep));
        return maybeJson(next, e, args, false);
    }

    /**
     * BuildKit's flag extraction: leading words starting with {@code --}; quotes removed and the escape
     * character escaping the next char; a lone {@code --} ends the flags. Returns where arguments start.
     */
    private int extractFlags(int s, int e, List<Flag> flags) {
        int pos = s;
        while (true) {
            while (pos < e && GoText.isSpace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= e) {
                return e;
            }
            if (text.charAt(pos) != '-' || pos + 1 >= e || text.charAt(pos + 1) != '-') {
                return pos;
            }
            int wordStart = pos;
            StringBuilder word = new StringBuilder();
            boolean blankOk = false;
            char quote = 0;
            while (pos < e) {
                char c = text.charAt(pos);
                if (quote == 0 && GoText.isSpace(c)) {
                    break;
                }
                pos++;
                if (quote == 0 && (c == '\'' || c == '"')) {
                    quote = c;
                    blankOk = true;
                    continue;
                }
                if (quote != 0 && c == quote) {
                    quote = 0;
                    continue;
                }
                if (c == escape) {
                    if (pos >= e) {
                        continue;
                    }
                    c = text.charAt(pos++);
                }
                word.append(c);
            }
            String flag = word.toString();
            if (flag.equals("--")) {
                return pos;
            }
            if (blankOk || flag.length() > 0) {
                flags.add(Flag.of(flag, line.range(wordStart, pos)));
            }
        }
    }
}
