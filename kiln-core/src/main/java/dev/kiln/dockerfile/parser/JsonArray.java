package dev.kiln.dockerfile.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads exec-form arguments: a JSON array of strings, as Go's encoding/json accepts it. Text that is
 * not valid JSON is {@link Outcome#NOT_JSON} (the instruction falls back to shell form); a valid array
 * holding anything but strings is {@link Outcome#NOT_STRINGS}, which BuildKit rejects.
 */
final class JsonArray {

    enum Outcome { STRINGS, NOT_JSON, NOT_STRINGS }

    /** One decoded element and its span (quotes included) in the parsed text. */
    record Element(String value, int start, int end) {
    }

    record Result(Outcome outcome, List<Element> elements) {
    }

    private static final Result NOT_JSON = new Result(Outcome.NOT_JSON, List.of());

    /** Go's encoding/json refuses deeper nesting ("exceeded max depth"). */
    static final int MAX_DEPTH = 10_000;

    private final String s;
    private final int end;
    private int pos;
    private boolean allStrings = true;

    private JsonArray(String s, int start, int end) {
        this.s = s;
        this.pos = start;
        this.end = end;
    }

    /** Parses {@code text[start, end)}. */
    static Result parse(String text, int start, int end) {
        JsonArray p = new JsonArray(text, start, end);
        try {
            List<Element> elements = p.array();
            p.whitespace();
            if (p.pos != end) {
                return NOT_JSON;
            }
            return p.allStrings ? new Result(Outcome.STRINGS, elements) : new Result(Outcome.NOT_STRINGS, List.of());
        } catch (Invalid e) {
            return NOT_JSON;
        }
    }

    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid() {
            super(null, null, false, false);
        }
    }

    private List<Element> array() throws Invalid {
        whitespace();
        expect('[');
        List<Element> out = new ArrayList<>();
        whitespace();
        if (peek() == ']') {
            pos++;
            return out;
        }
        while (true) {
            whitespace();
            if (peek() == '"') {
                int start = pos;
                String value = string();
                out.add(new Element(value, start, pos));
            } else {
                allStrings = false;
                value();
            }
            whitespace();
            int c = next();
            if (c == ']') {
                return out;
            }
            if (c != ',') {
                throw new Invalid();
            }
        }
    }

    /**
     * Checks one JSON value of any shape. Iterative, with an explicit stack of open containers:
     * Dockerfiles are user input, and a recursive reader overflows the stack on {@code [[[[...}.
     * Like Go's encoding/json, more than {@value #MAX_DEPTH} nested containers (the outer array
     * counts) is not JSON.
     */
    private void value() throws Invalid {
        java.util.ArrayDeque<Character> open = new java.util.ArrayDeque<>(); // the closer each open container needs
        while (true) {
            whitespace();
            int c = peek();
            if (c == '[' || c == '{') {
                pos++;
                if (1 + open.size() + 1 > MAX_DEPTH) {
                    throw new Invalid();
                }
                char closer = c == '[' ? ']' : '}';
                whitespace();
                if (peek() == closer) {
                    pos++;
                } else {
                    open.push(closer);
                    if (closer == '}') {
                        key();
                    }
                    continue;
                }
            } else {
                scalar(c);
            }
            // a value is complete: close what ends here, or go on after a comma
            while (true) {
                if (open.isEmpty()) {
                    return;
                }
                whitespace();
                int d = next();
                if (d == open.peek()) {
                    open.pop();
                    continue;
                }
                if (d != ',') {
                    throw new Invalid();
                }
                if (open.peek() == '}') {
                    key();
                }
                break;
            }
        }
    }

    /** An object member's name and colon. */
    private void key() throws Invalid {
        whitespace();
        if (peek() != '"') {
            throw new Invalid();
        }
        string();
        whitespace();
        expect(':');
    }

    private void scalar(int c) throws Invalid {
        if (c == '"') {
            string();
        } else if (c == 't') {
            literal("true");
        } else if (c == 'f') {
            literal("false");
        } else if (c == 'n') {
            literal("null");
        } else {
            number();
        }
    }

    private void literal(String word) throws Invalid {
        if (!s.startsWith(word, pos) || pos + word.length() > end) {
            throw new Invalid();
        }
        pos += word.length();
    }

    private void number() throws Invalid {
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else {
            digits();
        }
        if (peek() == '.') {
            pos++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits();
        }
    }

    private void digits() throws Invalid {
        int start = pos;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
        if (pos == start) {
            throw new Invalid();
        }
    }

    private String string() throws Invalid {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            int c = next();
            if (c < 0 || c < 0x20) {
                throw new Invalid();
            }
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append((char) c);
                continue;
            }
            int e = next();
            switch (e) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case '/': out.append('/'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u': out.append((char) hex4()); break;
                default: throw new Invalid();
            }
        }
    }

    private int hex4() throws Invalid {
        if (pos + 4 > end) {
            throw new Invalid();
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos++), 16);
            if (d < 0) {
                throw new Invalid();
            }
            v = v * 16 + d;
        }
        return v;
    }

    private void whitespace() {
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    private void expect(char c) throws Invalid {
        if (next() != c) {
            throw new Invalid();
        }
    }

    private int peek() {
        return pos < end ? s.charAt(pos) : -1;
    }

    private int next() {
        return pos < end ? s.charAt(pos++) : -1;
    }
}
