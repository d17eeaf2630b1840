package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Command;
import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.lint.Fix;
import dev.kiln.lint.LintContext;
import dev.kiln.lint.TextEdit;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the text edits of fixes to RUN instructions: a flag inserted after a word, a command
 * appended to the end of the script in the file's own layout. Every builder returns empty when it
 * cannot be sure the edit keeps the script's meaning (exec form, heredocs, a trailing comment or
 * background job), so a fix is offered only where it is safe.
 */
final class RunEdits {

    private static final Set<String> CLOSERS = Set.of("fi", "done", "esac", "}", ")");

    private RunEdits() {
    }

    /** Inserts {@code " " + text} right after a word ({@code install} → {@code install -y}). */
    static TextEdit insertAfter(ShellWord word, String text) {
        return TextEdit.insert(word.range().endOffset(), " " + text);
    }

    /** A fix that inserts {@code " " + text} after a word. */
    static Fix flagFix(String description, ShellWord after, String text) {
        return Fix.of(description, insertAfter(after, text));
    }

    /** Where a RUN's script ends, and whether a command can be chained after it. */
    record Tail(int insertAt, int replaceUntil, boolean multiline, String indent, boolean leadingOperators) {
    }

    /**
     * The place after the last command of a shell-form RUN: the end of the script text, or its
     * trailing {@code ;} (which is replaced, so {@code a; b;} becomes {@code a; b && c}). Empty for
     * exec form, heredocs, a trailing comment, a background {@code &}, or an unfinished operator.
     */
    static Optional<Tail> tail(LintContext context, RunInstruction run, ShellScript script) {
        if (!(run.command() instanceof Command.Shell shell) || !run.heredocs().isEmpty() || script.steps().isEmpty()) {
            return Optional.empty();
        }
        String src = context.source();
        char esc = context.dockerfile().escape();
        Word text = shell.script();
        int scriptEnd = text.range().endOffset();
        int lastEnd = 0;
        for (ShellScript.Step s : script.steps()) {
            lastEnd = Math.max(lastEnd, s.command().range().endOffset());
        }
        if (lastEnd <= text.range().startOffset() || lastEnd > scriptEnd) {
            return Optional.empty();
        }
        // what follows the last command may only close compound commands or end with ';'
        String rest = src.substring(lastEnd, scriptEnd);
        StringBuilder tokens = new StringBuilder();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == esc && i + 1 < rest.length() && (rest.charAt(i + 1) == '\n' || rest.charAt(i + 1) == '\r')) {
                continue;
            }
            tokens.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
        }
        String[] words = tokens.toString().replace(";", " ; ").trim().split("\\s+");
        int trailingSemicolon = -1;
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.isEmpty() || CLOSERS.contains(w)) {
                continue;
            }
            if (w.equals(";") && i == words.length - 1) {
                trailingSemicolon = src.lastIndexOf(';', scriptEnd - 1);
                continue;
            }
            if (w.equals(";") && i + 1 < words.length && CLOSERS.contains(words[i + 1])) {
                continue;
            }
            return Optional.empty();
        }
        int insertAt = trailingSemicolon >= 0 ? trailingSemicolon : scriptEnd;
        int replaceUntil = trailingSemicolon >= 0 ? trailingSemicolon + 1 : scriptEnd;
        if (trailingSemicolon >= 0 && trailingSemicolon > 0 && src.charAt(trailingSemicolon - 1) == ';') {
            return Optional.empty(); // ";;" ends a case item
        }
        int lineStart = src.lastIndexOf('\n', scriptEnd - 1) + 1;
        boolean multiline = lineStart > run.range().startOffset();
        String indent = "    ";
        boolean leading = false;
        if (multiline) {
            int p = lineStart;
            while (p < scriptEnd && (src.charAt(p) == ' ' || src.charAt(p) == '\t')) {
                p++;
            }
            indent = src.substring(lineStart, p);
            leading = src.startsWith("&&", p) || src.startsWith("||", p);
        }
        return Optional.of(new Tail(insertAt, replaceUntil, multiline, indent, leading));
    }

    /** The line break the file uses. */
    static String newline(LintContext context) {
        return context.source().contains("\r\n") ? "\r\n" : "\n";
    }

    /**
     * Appends {@code && command} after the script: on the same line for a one-line RUN, else on a
     * new continuation line in the file's style ({@code && \} at line ends, or {@code &&} leading).
     */
    static Optional<Fix> append(LintContext context, RunInstruction run, ShellScript script, String command,
            String description) {
        Optional<Tail> t = tail(context, run, script);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Tail tail = t.get();
        char esc = context.dockerfile().escape();
        String text;
        if (!tail.multiline()) {
            text = " && " + command;
        } else if (tail.leadingOperators()) {
            text = " " + esc + newline(context) + tail.indent() + "&& " + command;
        } else {
            text = " && " + esc + newline(context) + tail.indent() + command;
        }
        return Optional.of(Fix.of(description, new TextEdit(tail.insertAt(), tail.replaceUntil(), text)));
    }
}
