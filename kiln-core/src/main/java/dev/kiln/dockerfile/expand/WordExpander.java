package dev.kiln.dockerfile.expand;

import dev.kiln.glob.GlobRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BuildKit's word expansion for Dockerfile instructions: {@code $V}, {@code ${V}}, {@code ${V:-w}},
 * {@code ${V-w}}, {@code ${V:+w}}, {@code ${V+w}}, {@code ${V:?msg}}, {@code ${V?msg}}, {@code ${V#p}},
 * {@code ${V##p}}, {@code ${V%p}}, {@code ${V%%p}}, {@code ${V/p/r}}, {@code ${V//p/r}}; quotes are removed,
 * {@code '...'} is literal, inside {@code "..."} the escape character escapes only {@code "}, {@code $}
 * and itself; outside quotes it escapes anything. No command substitution, no field splitting of values.
 */
public final class WordExpander {

    /** {@code ${...}} inside each other; the reader recurses, so deeper would overflow the stack. */
    static final int MAX_NESTING = 100;

    private final char escape;

    public WordExpander(char escape) {
        this.escape = escape;
    }

    /** Expands one word (whitespace kept), as BuildKit's ProcessWord. */
    public String expand(String text, Variables vars) throws ExpansionException {
        return new Run(text, vars).word(-1, false).text;
    }

    /** Expands and splits on unquoted whitespace, as BuildKit's ProcessWords. */
    public List<String> expandWords(String text, Variables vars) throws ExpansionException {
        return new Run(text, vars).words();
    }

    /**
     * Expands variables in free text such as an unquoted heredoc body of COPY/ADD: {@code $V} and
     * {@code ${...}} are replaced, the escape character keeps a following {@code $} or escape character
     * literal, and quotes are ordinary characters.
     */
    public String expandText(String text, Variables vars) throws ExpansionException {
        Run run = new Run(text, vars);
        StringBuilder out = new StringBuilder(text.length());
        while (run.pos < text.length()) {
            char c = text.charAt(run.pos);
            if (c == escape && run.pos + 1 < text.length()
                    && (text.charAt(run.pos + 1) == '$' || text.charAt(run.pos + 1) == escape)) {
                out.append(text.charAt(run.pos + 1));
                run.pos += 2;
            } else if (c == '$') {
                run.pos++;
                run.dollar(out);
            } else {
                out.append(c);
                run.pos++;
            }
        }
        return out.toString();
    }

    private final class Run {
        private final String s;
        private final Variables vars;
        private int pos;
        private int nesting; // ${ open around pos

        Run(String s, Variables vars) {
            this.s = s;
            this.vars = vars;
        }

        private record Piece(String text, int stop) {
        }

        List<String> words() throws ExpansionException {
            List<String> out = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean inWord = false;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                    if (inWord) {
                        out.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                    continue;
                }
                inWord = true;
                unit(word, false);
            }
            if (inWord) {
                out.add(word.toString());
            }
            return out;
        }

        /** Reads up to {@code stop} (or the end when -1), returning the text and the stop char met. */
        Piece word(int stop, boolean nested) throws ExpansionException {
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (stop >= 0 && c == stop) {
                    pos++;
                    return new Piece(out.toString(), stop);
                }
                unit(out, nested);
            }
            if (stop >= 0) {
                throw new ExpansionException("missing '}' in \"" + s + "\"");
            }
            return new Piece(out.toString(), -1);
        }

        private void unit(StringBuilder out, boolean nested) throws ExpansionException {
            char c = s.charAt(pos);
            if (c == escape) {
                pos++;
                if (pos < s.length()) {
                    out.append(s.charAt(pos++));
                }
            } else if (c == '\'') {
                int close = s.indexOf('\'', pos + 1);
                if (close < 0) {
                    throw new ExpansionException("unexpected end of statement while looking for matching single-quote");
                }
                out.append(s, pos + 1, close);
                pos = close + 1;
            } else if (c == '"') {
                pos++;
                doubleQuoted(out);
            } else if (c == '$') {
                pos++;
                dollar(out);
            } else {
                out.append(c);
                pos++;
            }
        }

        private void doubleQuoted(StringBuilder out) throws ExpansionException {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return;
                }
                if (c == '$') {
                    pos++;
                    dollar(out);
                    continue;
                }
                if (c == escape && pos + 1 < s.length()) {
                    char n = s.charAt(pos + 1);
                    if (n == '"' || n == '$' || n == escape) {
                        out.append(n);
                        pos += 2;
                        continue;
                    }
                }
                out.append(c);
                pos++;
            }
            throw new ExpansionException("unexpected end of statement while looking for matching double-quote");
        }

        private void dollar(StringBuilder out) throws ExpansionException {
            if (pos >= s.length()) {
                out.append('$');
                return;
            }
            if (s.charAt(pos) == '{') {
                pos++;
                braced(out);
                return;
            }
            String name = name();
            if (name.isEmpty()) {
                out.append('$');
                return;
            }
            out.append(vars.get(name).orElse(""));
        }

        private String name() {
            int start = pos;
            if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                return s.substring(start, pos);
            }
            if (pos < s.length() && "@*#?-$!".indexOf(s.charAt(pos)) >= 0) {
                pos++;
                return s.substring(start, pos);
            }
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private void braced(StringBuilder out) throws ExpansionException {
            if (nesting >= MAX_NESTING) {
                throw new ExpansionException("${...} nested more than " + MAX_NESTING + " deep");
            }
            nesting++;
            try {
                substitution(out);
            } finally {
                nesting--;
            }
        }

        private void substitution(StringBuilder out) throws ExpansionException {
            String name = name();
            if (name.isEmpty()) {
                throw new ExpansionException("bad substitution in \"" + s + "\"");
            }
            if (pos >= s.length()) {
                throw new ExpansionException("missing '}' in \"" + s + "\"");
            }
            java.util.Optional<String> value = vars.get(name);
            char op = s.charAt(pos++);
            switch (op) {
                case '}':
                    out.append(value.orElse(""));
                    return;
                case ':': {
                    if (pos >= s.length()) {
                        throw new ExpansionException("missing '}' in \"" + s + "\"");
                    }
                    char mod = s.charAt(pos++);
                    String word = word('}', true).text;
                    boolean setNonEmpty = value.isPresent() && !value.get().isEmpty();
                    switch (mod) {
                        case '-': out.append(setNonEmpty ? value.get() : word); return;
                        case '+': out.append(setNonEmpty ? word : ""); return;
                        case '?':
                            if (!setNonEmpty) {
                                throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                            }
                            out.append(value.get());
                            return;
                        default:
                            throw new ExpansionException("unsupported modifier (" + mod + ") in substitution");
                    }
                }
                case '-': {
                    String word = word('}', true).text;
                    out.append(value.isPresent() ? value.get() : word);
                    return;
                }
                case '+': {
                    String word = word('}', true).text;
                    out.append(value.isPresent() ? word : "");
                    return;
                }
                case '?': {
                    String word = word('}', true).text;
                    if (value.isEmpty()) {
                        throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                    }
                    out.append(value.get());
                    return;
                }
                case '#': case '%': {
                    boolean longest = pos < s.length() && s.charAt(pos) == op;
                    if (longest) {
                        pos++;
                    }
                    String pattern = word('}', true).text;
                    out.append(trim(value.orElse(""), shellPattern(pattern), op == '#', longest));
                    return;
                }
                case '/': {
                    boolean all = pos < s.length() && s.charAt(pos) == '/';
                    if (all) {
                        pos++;
                    }
                    String pattern = patternUntilSlash();
                    String replacement = pos <= s.length() && lastStop == '/' ? word('}', true).text : "";
                    Matcher m = shellPattern(pattern).matcher(value.orElse(""));
                    String r = Matcher.quoteReplacement(replacement);
                    out.append(pattern.isEmpty() ? value.orElse("") : all ? m.replaceAll(r) : m.replaceFirst(r));
                    return;
                }
                default:
                    throw new ExpansionException("missing ':' in substitution in \"" + s + "\"");
            }
        }

        private int lastStop;

        private String patternUntilSlash() throws ExpansionException {
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '/' || c == '}') {
                    pos++;
                    lastStop = c;
                    return out.toString();
                }
                unit(out, true);
            }
            throw new ExpansionException("missing '}' in \"" + s + "\"");
        }

        private String trim(String value, Pattern pattern, boolean prefix, boolean longest) {
            int n = value.length();
            if (prefix) {
                for (int k = longest ? n : 0; longest ? k >= 0 : k <= n; k += longest ? -1 : 1) {
                    if (pattern.matcher(value.substring(0, k)).matches()) {
                        return value.substring(k);
                    }
                }
            } else {
                for (int k = longest ? 0 : n; longest ? k <= n : k >= 0; k += longest ? 1 : -1) {
                    if (pattern.matcher(value.substring(k)).matches()) {
                        return value.substring(0, k);
                    }
                }
            }
            return value;
        }
    }

    /** A shell pattern of {@code ${V#p}} and friends: its wildcards match {@code /} too. */
    private static Pattern shellPattern(String pattern) {
        return GlobRegex.compile(pattern, GlobRegex.Scope.STRING);
    }
}
