package dev.kiln.dockerfile.ast;

import java.util.List;

/**
 * A Dockerfile as BuildKit's line parser sees it: directives, the instruction nodes in order and every
 * comment. {@link Dump} prints it in BuildKit's s-expression form.
 *
 * @param fileName   the name used in error messages and reports ({@code Dockerfile})
 * @param source     the full text as read (a UTF-8 BOM, if any, kept at offset 0)
 * @param directives parser directives from the top of the file
 * @param escape     the escape character: {@code \} or, with {@code # escape=`}, a backtick
 * @param nodes      the instructions, in source order
 * @param comments   every comment line, also those inside continued instructions, in order
 */
public record SyntaxTree(String fileName, String source, List<Directive> directives, char escape, List<Node> nodes,
        List<Comment> comments) {

    public SyntaxTree {
        directives = List.copyOf(directives);
        nodes = List.copyOf(nodes);
        comments = List.copyOf(comments);
    }
}
