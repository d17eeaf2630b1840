package dev.kiln.dockerfile.expand;

import java.util.regex.Pattern;

/** Shell patterns ({@code *}, {@code ?}, {@code [a-z]}, {@code [!x]}, backslash escapes) as Java regular expressions. */
final class Glob {

    private Glob() {
    }

    static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '\\' && i + 1 < glob.length()) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 2);
                if (close < 0) {
                    re.append("\\[");
                    continue;
                }
                String body = glob.substring(i + 1, close);
                re.append('[');
                if (body.startsWith("!") || body.startsWith("^")) {
                    re.append('^');
                    body = body.substring(1);
                }
                for (char b : body.toCharArray()) {
                    if (b == '\\' || b == '[' || b == ']' || b == '&' || b == '^') {
                        re.append('\\');
                    }
                    re.append(b);
                }
                re.append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
