package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.ast.Comment;
import dev.kiln.dockerfile.ast.Flag;
import dev.kiln.dockerfile.ast.Heredoc;
import dev.kiln.dockerfile.ast.Node;
import dev.kiln.dockerfile.ast.SourceRange;
import dev.kiln.dockerfile.ast.Word;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A node before its heredocs are read and its end is known. */
record NodeDraft(String keyword, SourceRange keywordRange, List<Flag> flags, List<Word> args, boolean json,
        NodeDraft child, String original, Word rest) {

    /** BuildKit reads heredocs only for shell-form RUN, COPY and ADD (also as an ONBUILD trigger). */
    boolean canContainHeredoc() {
        if (child != null) {
            return child.canContainHeredoc();
        }
        String k = keyword.toLowerCase(Locale.ROOT);
        return !json && (k.equals("run") || k.equals("copy") || k.equals("add"));
    }

    Node finish(SourceRange range, List<Heredoc> heredocs, List<Comment> comments) {
        Optional<Node> nested = child == null ? Optional.empty()
                : Optional.of(child.finish(new SourceRange(child.keywordRange.start(), range.end()), heredocs,
                        List.of()));
        return new Node(keyword, range, keywordRange, flags, args, json, nested, heredocs, comments, original, rest);
    }
}
