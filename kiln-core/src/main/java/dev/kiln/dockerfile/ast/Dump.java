package dev.kiln.dockerfile.ast;

/**
 * BuildKit's s-expression dump of a parsed Dockerfile (the format of its parser test {@code result}
 * files): one {@code (keyword ["--flag" ...] "arg" ...)} line per instruction, strings quoted as Go
 * quotes them, ONBUILD's trigger nested in parentheses. Used for conformance with BuildKit.
 */
public final class Dump {

    private Dump() {
    }

    /** The whole tree, each instruction on its own line, ending with a newline. */
    public static String of(SyntaxTree tree) {
        StringBuilder out = new StringBuilder();
        for (Node node : tree.nodes()) {
            out.append('(');
            appendNode(out, node);
            out.append(")\n");
        }
        return out.toString();
    }

    /** One instruction without the surrounding parentheses. */
    public static String of(Node node) {
        StringBuilder out = new StringBuilder();
        appendNode(out, node);
        return out.toString();
    }

    private static void appendNode(StringBuilder out, Node node) {
        out.append(node.keyword().toLowerCase(java.util.Locale.ROOT));
        if (!node.flags().isEmpty()) {
            out.append(" [");
            for (int i = 0; i < node.flags().size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                GoQuote.appendQuoted(out, node.flags().get(i).text());
            }
            out.append(']');
        }
        if (node.child().isPresent()) {
            out.append(" (");
            appendNode(out, node.child().get());
            out.append(')');
            return;
        }
        for (Word arg : node.args()) {
            out.append(' ');
            GoQuote.appendQuoted(out, node.json() ? arg.value() : arg.raw());
        }
    }
}
