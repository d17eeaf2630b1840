package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One instruction as the line parser sees it, before any instruction-specific checks: the shape
 * BuildKit's parser produces (and {@link Dump} prints). Every typed {@link Instruction} keeps its node.
 *
 * @param keyword      the instruction word as written ({@code run}, {@code RUN}, {@code Run})
 * @param range        from the keyword to the end of the instruction's last line, heredoc bodies and
 *                     terminators included
 * @param keywordRange the keyword itself
 * @param flags        the leading {@code --flag[=value]} words
 * @param args         the arguments split the way BuildKit splits them for this keyword; ENV and LABEL
 *                     give (key, value, separator) triples whose separator is a synthetic empty-range
 *                     word ({@code "="} for {@code k=v}, {@code ""} for the legacy {@code k v} form);
 *                     HEALTHCHECK gives its type word then the command's arguments; empty for ONBUILD
 * @param json         true if the arguments were written in exec (JSON array) form
 * @param child        the wrapped instruction of an ONBUILD
 * @param heredocs     here-documents of RUN/COPY/ADD in shell form, in order
 * @param comments     the comment lines directly above the instruction (BuildKit's "previous comment"
 *                     block, reset by an empty {@code #} line)
 * @param original     the logical line: physical lines joined, continuations and inner comments removed
 * @param rest         the argument text after keyword and flags, trimmed (shell-form command text)
 */
public record Node(String keyword, SourceRange range, SourceRange keywordRange, List<Flag> flags, List<Word> args,
        boolean json, Optional<Node> child, List<Heredoc> heredocs, List<Comment> comments, String original,
        Word rest) {

    public Node {
        flags = List.copyOf(flags);
        args = List.copyOf(args);
        heredocs = List.copyOf(heredocs);
        comments = List.copyOf(comments);
    }

    /** The keyword upper-cased, as instructions are conventionally named ({@code RUN}). */
    public String command() {
        return keyword.toUpperCase(Locale.ROOT);
    }

    /** The first flag of that name (without dashes). */
    public Optional<Flag> flag(String name) {
        for (Flag f : flags) {
            if (f.name().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Every flag of that name, in order ({@code --mount} and {@code --exclude} repeat). */
    public List<Flag> flags(String name) {
        return flags.stream().filter(f -> f.name().equals(name)).toList();
    }
}
