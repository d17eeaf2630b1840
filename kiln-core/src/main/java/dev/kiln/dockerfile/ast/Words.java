package dev.kiln.dockerfile.ast;

/**
 * Quote removal without variable expansion, by BuildKit's word rules: outside quotes the escape
 * character escapes any character; {@code '...'} is literal; inside {@code "..."} the escape character
 * escapes only {@code "}, {@code $} and itself. {@code $VAR} is kept as written.
 */
public final class Words {

    private Words() {
    }

    public static String unquote(String raw, char escape) {
        if (raw.indexOf('\'') < 0 && raw.indexOf('"') < 0 && raw.indexOf(escape) < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        int n = raw.length();
        while (i < n) {
            char c = raw.charAt(i);
            if (c == escape) {
                if (i + 1 < n) {
                    out.append(raw.charAt(i + 1));
                }
                i += 2;
            } else if (c == '\'') {
                int close = raw.indexOf('\'', i + 1);
                int end = close < 0 ? n : close;
                out.append(raw, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (i < n && raw.charAt(i) != '"') {
                    char d = raw.charAt(i);
                    if (d == escape && i + 1 < n) {
                        char e = raw.charAt(i + 1);
                        if (e == '"' || e == '$' || e == escape) {
                            out.append(e);
                            i += 2;
                            continue;
                        }
                    }
                    out.append(d);
                    i++;
                }
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
