package dev.kiln.registry.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One authentication challenge from a {@code WWW-Authenticate} header (RFC 7235): a scheme such as
 * {@code Bearer} or {@code Basic} and its parameters ({@code realm}, {@code service}, {@code scope},
 * {@code error}). Parameter names are lowercase; the scheme keeps its case but compares without it.
 */
public record Challenge(String scheme, Map<String, String> params) {

    public Challenge {
        Objects.requireNonNull(scheme, "scheme");
        params = Map.copyOf(params);
    }

    public boolean isBearer() {
        return scheme.equalsIgnoreCase("Bearer");
    }

    public boolean isBasic() {
        return scheme.equalsIgnoreCase("Basic");
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Parses every challenge in one header value, e.g.
     * {@code Bearer realm="https://auth.example/token",service="registry.example",scope="repository:app:pull"}
     * or {@code Basic realm="x", Bearer realm="y"}. Malformed trailing text is ignored rather than
     * failing: a registry's odd header should cost at most that challenge.
     */
    public static List<Challenge> parse(String header) {
        List<Challenge> challenges = new ArrayList<>();
        if (header == null) {
            return challenges;
        }
        Scanner in = new Scanner(header);
        String scheme = null;
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
            in.skipSpacesAndCommas();
            if (in.atEnd()) {
                break;
            }
            String token = in.token();
            if (token.isEmpty()) {
                // Not a token character: skip it so one stray byte cannot loop forever.
                in.advance();
                continue;
            }
            in.skipSpaces();
            if (scheme != null && in.peek() == '=') {
                in.advance();
                in.skipSpaces();
                String value = in.peek() == '"' ? in.quoted() : in.token();
                params.putIfAbsent(token.toLowerCase(Locale.ROOT), value);
                continue;
            }
            if (scheme != null) {
                challenges.add(new Challenge(scheme, params));
                params = new LinkedHashMap<>();
            }
            scheme = token;
            if (in.isToken68()) {
                // token68 credentials (e.g. Negotiate): kept whole under an empty name.
                params.put("", in.token68());
            }
        }
        if (scheme != null) {
            challenges.add(new Challenge(scheme, params));
        }
        return challenges;
    }

    /** The first Bearer challenge, else the first Basic one, among those in {@code headers}. */
    public static Optional<Challenge> preferred(List<String> headers) {
        List<Challenge> all = new ArrayList<>();
        for (String header : headers) {
            all.addAll(parse(header));
        }
        return all.stream().filter(Challenge::isBearer).findFirst()
                .or(() -> all.stream().filter(Challenge::isBasic).findFirst());
    }

    private static final class Scanner {
        private final String text;
        private int pos;

        Scanner(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return atEnd() ? '\0' : text.charAt(pos);
        }

        void advance() {
            pos++;
        }

        void skipSpaces() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                pos++;
            }
        }

        void skipSpacesAndCommas() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ',')) {
                pos++;
            }
        }

        String token() {
            int start = pos;
            while (!atEnd() && isTokenChar(peek())) {
                pos++;
            }
            return text.substring(start, pos);
        }

        /** Right after a scheme: {@code abc==} or {@code abc} alone (token68) rather than {@code name=value}. */
        boolean isToken68() {
            int p = pos;
            while (p < text.length() && (isTokenChar(text.charAt(p)) || text.charAt(p) == '/')) {
                p++;
            }
            if (p == pos) {
                return false;
            }
            while (p < text.length() && text.charAt(p) == '=') {
                p++;
            }
            while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
                p++;
            }
            // "realm=x" goes on after its '=' with a value, so it is a parameter, not token68.
            return p == text.length() || text.charAt(p) == ',';
        }

        String token68() {
            int start = pos;
            while (!atEnd() && (isTokenChar(peek()) || peek() == '/' || peek() == '=')) {
                pos++;
            }
            return text.substring(start, pos);
        }

        String quoted() {
            StringBuilder value = new StringBuilder();
            pos++; // opening quote
            while (!atEnd()) {
                char c = text.charAt(pos++);
                if (c == '\\' && !atEnd()) {
                    value.append(text.charAt(pos++));
                } else if (c == '"') {
                    return value.toString();
                } else {
                    value.append(c);
                }
            }
            return value.toString();
        }

        private static boolean isTokenChar(char c) {
            return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={} \t".indexOf(c) < 0;
        }
    }
}
