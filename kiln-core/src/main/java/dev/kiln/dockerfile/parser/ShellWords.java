package dev.kiln.dockerfile.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * BuildKit's word splitting for ENV, LABEL and ARG, and for finding heredoc markers: whitespace
 * outside quotes separates words; {@code '...'} and {@code "..."} group; the escape character keeps
 * the next char in the word. The words are returned as spans of the text, raw.
 */
final class ShellWords {

    private ShellWords() {
    }

    static List<int[]> split(String text, int start, int end, char escape) {
        List<int[]> words = new ArrayList<>();
        int pos = start;
        while (pos < end) {
            while (pos < end && GoText.isSpace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= end) {
                break;
            }
            int wordStart = pos;
            char quote = 0;
            while (pos < end) {
                char c = text.charAt(pos);
                if (quote == 0) {
                    if (GoText.isSpace(c)) {
                        break;
                    }
                    if (c == '\'' || c == '"') {
                        quote = c;
                    } else if (c == escape) {
                        pos++;
                    }
                } else if (c == quote) {
                    quote = 0;
                } else if (c == escape && quote != '\'') {
                    pos++;
                }
                pos++;
            }
            pos = Math.min(pos, end);
            words.add(new int[] {wordStart, pos});
        }
        return words;
    }
}
