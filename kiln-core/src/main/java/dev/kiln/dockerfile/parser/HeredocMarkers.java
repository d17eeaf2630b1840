package dev.kiln.dockerfile.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the here-document markers ({@code <<EOF}, {@code <<-EOF}, {@code 3<<"EOF"}, {@code << EOF}) in
 * an instruction line, the way BuildKit does: the line is split into shell words (quotes kept, the
 * backslash escaping), and each word of the form {@code [n]<<[-]WORD} whose WORD is a single shell
 * word starts a heredoc. A marker inside quotes or a here-string ({@code <<<}) is not one.
 */
final class HeredocMarkers {

    /** One marker: its delimiter and its span in the line. */
    record Marker(String name, boolean expand, boolean chomp, int fileDescriptor, int start, int end) {
    }

    private HeredocMarkers() {
    }

    static List<Marker> find(String text) {
        List<Marker> markers = new ArrayList<>();
        List<int[]> words = ShellWords.split(text, 0, text.length(), '\\');
        for (int w = 0; w < words.size(); w++) {
            int start = words.get(w)[0];
            int end = words.get(w)[1];
            // "<< EOF": the delimiter may follow the operator after blanks and still belongs to it
            if (w + 1 < words.size() && isBareOperator(text, start, end) && onlyBlanks(text, end, words.get(w + 1)[0])) {
                end = words.get(++w)[1];
            }
            Marker m = marker(text, start, end);
            if (m != null) {
                markers.add(m);
            }
        }
        return markers;
    }

    /** {@code [n]<<} or {@code [n]<<-} with nothing after it in the word. */
    private static boolean isBareOperator(String text, int start, int end) {
        int i = start;
        while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (end - i == 3 && text.charAt(end - 1) == '-') {
            end--;
        }
        return end - i == 2 && text.charAt(i) == '<' && text.charAt(i + 1) == '<';
    }

    private static boolean onlyBlanks(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                return false;
            }
        }
        return true;
    }

    private static Marker marker(String text, int start, int end) {
        int i = start;
        while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        int digitsEnd = i;
        if (i + 1 >= end || text.charAt(i) != '<' || text.charAt(i + 1) != '<') {
            return null;
        }
        i += 2;
        boolean chomp = false;
        if (i < end && text.charAt(i) == '-') {
            chomp = true;
            i++;
        }
        while (i < end && GoText.isSpace(text.charAt(i))) {
            i++;
        }
        if (i >= end || text.indexOf('<', i) >= 0 && text.indexOf('<', i) < end) {
            return null;
        }
        String rest = text.substring(i, end);
        String name = unquoteSingleWord(rest);
        if (name == null) {
            return null;
        }
        int fd = 0;
        if (digitsEnd > start) {
            try {
                fd = Integer.parseInt(text.substring(start, digitsEnd));
            } catch (NumberFormatException e) {
                fd = Integer.MAX_VALUE;
            }
        }
        boolean expand = rest.indexOf('\'') < 0 && rest.indexOf('"') < 0;
        return new Marker(name, expand, chomp, fd, start, end);
    }

    /** Removes quotes and backslash escapes; null if the text is more than one word. */
    private static String unquoteSingleWord(String rest) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (quote == 0) {
                if (GoText.isSpace(c)) {
                    return null;
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < rest.length()) {
                    out.append(rest.charAt(++i));
                } else {
                    out.append(c);
                }
            } else if (c == quote) {
                quote = 0;
            } else if (c == '\\' && quote == '"' && i + 1 < rest.length()
                    && "\"$\\".indexOf(rest.charAt(i + 1)) >= 0) {
                out.append(rest.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.length() == 0 ? null : out.toString();
    }
}
