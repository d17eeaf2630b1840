package dev.kiln.dockerfile.shell;

import dev.kiln.dockerfile.parser.DockerfileParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A forgiving POSIX sh reader, enough to find every simple command in Dockerfile scripts: splits on
 * {@code && || ; | & newline ( )}, reads quotes, escapes, {@code $(...)}, backticks, {@code ${...}},
 * comments and here-documents, skips the reserved words of {@code if/for/while/case} and {@code { }}
 * groups, and reads command substitutions as nested scripts. Odd input just ends a word; the one
 * failure is substitutions nested deeper than {@value #MAX_NESTING}, which would overflow the stack.
 */
final class ShellParser {

    /** Command substitutions ({@code $(...)}, backticks) inside each other; real scripts use a handful. */
    static final int MAX_NESTING = 100;

    /** Thrown from any depth, caught by {@link #read} which turns it into a located error. */
    private static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int offset;

        TooDeep(int offset) {
            super(null, null, false, false);
            this.offset = offset;
        }
    }

    private static final Set<String> SKIPPED_KEYWORDS = Set.of("if", "then", "elif", "else", "fi", "do", "done",
            "while", "until", "!", "{", "}", "esac", "function");

    private final String s;
    private final int end;
    private final PositionMap map;
    private final List<SimpleCommand> out;
    private final List<ShellScript.Step> steps;
    private final int baseDepth;
    private final boolean baseIsolated;
    private final int nesting; // substitutions around this script
    private int pos;
    private int depth; // compound commands and subshells open in this script
    private int subshells; // of which subshells

    // the command being built
    private final List<ShellWord> assignments = new ArrayList<>();
    private final List<ShellWord> words = new ArrayList<>();
    private final List<Redirect> redirects = new ArrayList<>();
    private int commandStart = -1;
    private int commandEnd = -1;
    private final List<String> pendingHeredocs = new ArrayList<>();
    private final List<Boolean> pendingChomp = new ArrayList<>();
    private int skipWords; // words to drop after "for"/"case" (the loop variable, the case word)
    private boolean inForList; // after "for x in": words up to the separator are the list
    private int caseDepth;
    private boolean expectPattern; // inside case: the next tokens up to ')' are a pattern

    /**
     * Reads {@code text[start, end)} into {@code out} and {@code steps}.
     *
     * @throws DockerfileParseException naming {@code fileName} and the substitution that nests too deep
     */
    static void read(String fileName, String text, int start, int end, PositionMap map, List<SimpleCommand> out,
            List<ShellScript.Step> steps) throws DockerfileParseException {
        try {
            new ShellParser(text, start, end, map, out, steps, 0, false, 0).parse();
        } catch (TooDeep e) {
            throw new DockerfileParseException(fileName, map.range(e.offset, Math.min(end, e.offset + 2)),
                    "command substitutions nested more than " + MAX_NESTING + " deep");
        }
    }

    /**
     * @param steps       receives each command with the operator after it and its nesting
     * @param baseDepth   nesting of this script (1 more for each enclosing substitution)
     * @param isolated    true inside a command substitution: nothing here changes the outer shell
     */
    private ShellParser(String text, int start, int end, PositionMap map, List<SimpleCommand> out,
            List<ShellScript.Step> steps, int baseDepth, boolean isolated, int nesting) {
        this.s = text;
        this.pos = start;
        this.end = end;
        this.map = map;
        this.out = out;
        this.steps = steps;
        this.baseDepth = baseDepth;
        this.baseIsolated = isolated;
        this.nesting = nesting;
    }

    private void parseNested(int start, int stop, int at) {
        if (nesting >= MAX_NESTING) {
            throw new TooDeep(at);
        }
        new ShellParser(s, start, stop, map, out, steps, baseDepth + depth + 1, true, nesting + 1).parse();
    }

    void parse() {
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\\' && pos + 1 < end && s.charAt(pos + 1) == '\n') {
                pos += 2;
            } else if (c == '#') {
                while (pos < end && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\n') {
                pos++;
                separator("\n");
                readHeredocBodies();
            } else if (c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
                operator(c);
            } else if (c == '<' || c == '>') {
                redirect(pos, pos);
            } else {
                word();
            }
        }
        separator("");
    }

    private void operator(char c) {
        int start = pos;
        pos++;
        if (pos < end && (s.charAt(pos) == c || (c == '|' && s.charAt(pos) == '&')
                || (c == ';' && s.charAt(pos) == '&'))) {
            pos++;
        }
        if (c == '&' && pos < end && s.charAt(pos) == '>') { // &> file
            redirect(start, pos);
            return;
        }
        String op = s.substring(start, pos);
        if (op.equals(";;") || op.equals(";&")) {
            expectPattern = caseDepth > 0;
        }
        boolean opensSubshell = op.equals("(") && words.isEmpty() && assignments.isEmpty();
        boolean patternEnd = op.equals(")") && expectPattern;
        if (patternEnd) {
            expectPattern = false;
        }
        separator(op);
        if (opensSubshell) {
            depth++;
            subshells++;
        } else if (op.equals(")") && !patternEnd && subshells > 0) {
            depth--;
            subshells--;
        }
        inForList = false;
    }

    private void redirect(int start, int opStart) {
        pos = opStart;
        char c = s.charAt(pos++);
        String[] longer = c == '<' ? new String[] {"<<-", "<<<", "<<", "<&", "<>"} : new String[] {">>", ">&", ">|"};
        for (String l : longer) {
            if (s.startsWith(l, pos - 1) && pos - 1 + l.length() <= end) {
                pos = pos - 1 + l.length();
                break;
            }
        }
        String op = s.substring(start, pos);
        while (pos < end && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
            pos++;
        }
        Optional<ShellWord> target = Optional.empty();
        if (pos < end && !isMeta(s.charAt(pos))) {
            target = Optional.of(readWord());
        }
        if (op.endsWith("<<") || op.endsWith("<<-")) {
            if (target.isPresent()) {
                pendingHeredocs.add(target.get().value());
                pendingChomp.add(op.endsWith("-"));
            }
        }
        if (commandStart < 0) {
            commandStart = start;
        }
        commandEnd = pos;
        redirects.add(new Redirect(op, target, map.range(start, pos)));
    }

    private void word() {
        int start = pos;
        ShellWord w = readWord();
        // "2>file": an all-digit word glued to a redirection is its file descriptor
        if (pos < end && (s.charAt(pos) == '<' || s.charAt(pos) == '>') && w.raw().chars().allMatch(Character::isDigit)) {
            redirect(start, pos);
            return;
        }
        if (expectPattern) { // a case pattern (the case word and "in" too) runs nothing
            if (w.raw().equals("esac")) {
                caseDepth = Math.max(0, caseDepth - 1);
                expectPattern = false;
                depth = Math.max(subshells, depth - 1);
            }
            return;
        }
        if (words.isEmpty() && assignments.isEmpty() && !w.raw().isEmpty() && handleKeyword(w)) {
            return;
        }
        if (skipWords > 0) {
            skipWords--;
            return;
        }
        if (inForList) {
            return;
        }
        if (commandStart < 0) {
            commandStart = start;
        }
        commandEnd = pos;
        if (words.isEmpty() && isAssignment(w.raw())) {
            assignments.add(w);
        } else {
            words.add(w);
        }
    }

    /** Reserved words in command position; true if consumed. */
    private boolean handleKeyword(ShellWord w) {
        String k = w.raw();
        if (skipWords > 0 || inForList) {
            if (k.equals("in") && skipWords == 0 && caseDepth == 0) {
                return true;
            }
            if (k.equals("do") && inForList) {
                inForList = false;
                return true;
            }
            return false;
        }
        switch (k) {
            case "for", "select" -> {
                skipWords = 1;
                inForList = true;
                depth++;
                return true;
            }
            case "case" -> {
                caseDepth++;
                expectPattern = true;
                depth++;
                return true;
            }
            case "esac" -> {
                caseDepth = Math.max(0, caseDepth - 1);
                expectPattern = false;
                depth = Math.max(subshells, depth - 1);
                return true;
            }
            case "if", "while", "until", "{" -> {
                depth++;
                return true;
            }
            case "fi", "done", "}" -> {
                depth = Math.max(subshells, depth - 1);
                return true;
            }
            default -> {
                return SKIPPED_KEYWORDS.contains(k);
            }
        }
    }

    private static boolean isAssignment(String raw) {
        int eq = raw.indexOf('=');
        if (eq <= 0) {
            return false;
        }
        for (int i = 0; i < eq; i++) {
            char c = raw.charAt(i);
            if (!(c == '_' || Character.isLetterOrDigit(c)) || (i == 0 && Character.isDigit(c))) {
                return i == eq - 1 && c == '+'; // NAME+=value
            }
        }
        return true;
    }

    private void separator(String operator) {
        if (!words.isEmpty() || !assignments.isEmpty()) { // a bare redirection ("<<EOF") runs nothing
            SimpleCommand command = new SimpleCommand(assignments, words, redirects, map.range(commandStart, commandEnd));
            out.add(command);
            steps.add(new ShellScript.Step(command, operator, baseDepth + depth, baseIsolated || subshells > 0));
        }
        assignments.clear();
        words.clear();
        redirects.clear();
        commandStart = -1;
        commandEnd = -1;
    }

    private void readHeredocBodies() {
        for (int i = 0; i < pendingHeredocs.size(); i++) {
            String delimiter = pendingHeredocs.get(i);
            while (pos < end) {
                int nl = s.indexOf('\n', pos);
                int lineEnd = nl < 0 || nl > end ? end : nl;
                String line = s.substring(pos, lineEnd);
                if (pendingChomp.get(i)) {
                    line = line.replaceFirst("^\t+", "");
                }
                pos = Math.min(end, lineEnd + 1);
                if (line.equals(delimiter) || line.equals(delimiter + "\r")) {
                    break;
                }
            }
        }
        pendingHeredocs.clear();
        pendingChomp.clear();
    }

    private static boolean isMeta(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')'
                || c == '<' || c == '>';
    }

    /** Reads one word from {@code pos}, with its unquoted value, reading substitutions as nested scripts. */
    private ShellWord readWord() {
        int start = pos;
        StringBuilder value = new StringBuilder();
        boolean dynamic = false;
        while (pos < end) {
            char c = s.charAt(pos);
            if (isMeta(c) || c == '\r') {
                break;
            }
            if (c == '\\') {
                if (pos + 1 < end && s.charAt(pos + 1) != '\n') {
                    value.append(s.charAt(pos + 1));
                }
                pos += 2;
            } else if (c == '\'') {
                int close = s.indexOf('\'', pos + 1);
                int stop = close < 0 || close >= end ? end : close;
                value.append(s, pos + 1, stop);
                pos = Math.min(end, stop + 1);
            } else if (c == '"') {
                pos++;
                while (pos < end && s.charAt(pos) != '"') {
                    char d = s.charAt(pos);
                    if (d == '\\' && pos + 1 < end) {
                        char e = s.charAt(pos + 1);
                        if (e == '"' || e == '\\' || e == '$' || e == '`') {
                            value.append(e);
                        } else if (e != '\n') {
                            value.append(d).append(e);
                        }
                        pos += 2;
                    } else if (d == '$' || d == '`') {
                        dynamic |= expansion(value);
                    } else {
                        value.append(d);
                        pos++;
                    }
                }
                pos = Math.min(end, pos + 1);
            } else if (c == '$' || c == '`') {
                dynamic |= expansion(value);
            } else {
                value.append(c);
                pos++;
            }
        }
        return new ShellWord(s.substring(start, pos), value.toString(), dynamic, map.range(start, pos));
    }

    /** Reads {@code $name}, {@code ${...}}, {@code $((...))}, {@code $(...)} or a backtick string at pos. */
    private boolean expansion(StringBuilder value) {
        int start = pos;
        if (s.charAt(pos) == '`') {
            int close = pos + 1;
            while (close < end && s.charAt(close) != '`') {
                close += s.charAt(close) == '\\' ? 2 : 1;
            }
            close = Math.min(close, end);
            parseNested(pos + 1, close, start);
            pos = Math.min(end, close + 1);
            value.append(s, start, pos);
            return true;
        }
        pos++;
        if (pos >= end) {
            value.append('$');
            return false;
        }
        char c = s.charAt(pos);
        if (c == '(') {
            boolean arithmetic = pos + 1 < end && s.charAt(pos + 1) == '(';
            int close = matching(pos, '(', ')');
            if (!arithmetic) {
                parseNested(pos + 1, close, start);
            }
            pos = Math.min(end, close + 1);
        } else if (c == '{') {
            pos = Math.min(end, matching(pos, '{', '}') + 1);
        } else if (c == '_' || Character.isLetter(c)) {
            while (pos < end && (s.charAt(pos) == '_' || Character.isLetterOrDigit(s.charAt(pos)))) {
                pos++;
            }
        } else if (Character.isDigit(c) || "@*#?-$!".indexOf(c) >= 0) {
            pos++;
        } else {
            value.append('$');
            return false;
        }
        value.append(s, start, pos);
        return true;
    }

    /** Index of the bracket closing the one at {@code open}, skipping quoted text; {@code end} if none. */
    private int matching(int open, char left, char right) {
        int depth = 0;
        int i = open;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '\'' && left == '(') {
                int close = s.indexOf('\'', i + 1);
                i = close < 0 ? end : close + 1;
                continue;
            }
            if (c == left) {
                depth++;
            } else if (c == right && --depth == 0) {
                return i;
            }
            i++;
        }
        return end;
    }
}
