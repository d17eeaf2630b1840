package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Command;
import dev.kiln.dockerfile.ast.Flag;
import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.Fix;
import dev.kiln.lint.LintContext;
import dev.kiln.lint.TextEdit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Merges a RUN into the RUN just before it ({@code RUN a} + {@code RUN b} → {@code RUN a && \ b}),
 * only when that provably runs the same commands: both in shell form without heredocs, with the same
 * flags (mounts, network, security), nothing but blank lines between them; the first changes no
 * shell state a later command would inherit ({@code cd}, {@code export}, {@code set}, variables...);
 * and the second is a plain {@code &&}/pipe chain, so {@code a && b; c} cannot run {@code c} after
 * {@code a} fails.
 */
final class RunMerge {

    private static final Set<String> STATEFUL = Set.of("cd", "pushd", "popd", "export", "unset", "set", "shopt",
            "umask", "source", ".", "alias", "unalias", "ulimit", "exec", "exit", "trap", "readonly", "declare",
            "typeset", "local", "shift", "eval", "return", "hash", "enable", "builtin", "wait");

    private RunMerge() {
    }

    static Optional<Fix> merge(LintContext context, RunInstruction previous, RunInstruction current) {
        if (!(previous.command() instanceof Command.Shell) || !(current.command() instanceof Command.Shell cur)
                || !previous.heredocs().isEmpty() || !current.heredocs().isEmpty()
                || !flags(previous).equals(flags(current))) {
            return Optional.empty();
        }
        String src = context.source();
        String between = src.substring(previous.range().endOffset(), current.range().startOffset());
        if (!between.isBlank()) {
            return Optional.empty();
        }
        Optional<ShellScript> first = context.script(previous);
        Optional<ShellScript> second = context.script(current);
        if (first.isEmpty() || second.isEmpty() || changesState(first.get()) || !plainChain(second.get())) {
            return Optional.empty();
        }
        Optional<RunEdits.Tail> tail = RunEdits.tail(context, previous, first.get());
        if (tail.isEmpty()) {
            return Optional.empty();
        }
        char esc = context.dockerfile().escape();
        String nl = RunEdits.newline(context);
        String indent = tail.get().multiline() ? tail.get().indent() : "    ";
        String glue = tail.get().leadingOperators() ? " " + esc + nl + indent + "&& " : " && " + esc + nl + indent;
        int end = cur.script().range().startOffset();
        return Optional.of(Fix.of("merge into the RUN on line " + previous.range().startLine(),
                new TextEdit(tail.get().insertAt(), end, glue)));
    }

    private static List<String> flags(RunInstruction run) {
        return run.node().flags().stream().map(Flag::text).toList();
    }

    /** True if a command outside any subshell changes state that later commands of the same shell see. */
    private static boolean changesState(ShellScript script) {
        for (ShellScript.Step s : script.steps()) {
            if (s.isolated()) {
                continue;
            }
            SimpleCommand c = s.command();
            if (c.words().isEmpty() || STATEFUL.contains(c.unwrapped().name()) || s.separator().equals("&")) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if the script is one chain of {@code &&} and pipes at the top level: nothing runs after a
     * failure, so {@code prev && <script>} keeps it all conditional. Nested commands are allowed only
     * inside a top-level command's words (command substitutions).
     */
    private static boolean plainChain(ShellScript script) {
        List<ShellScript.Step> steps = script.steps();
        for (ShellScript.Step s : steps) {
            if (s.depth() == 0) {
                String sep = s.separator();
                if (!sep.isEmpty() && !sep.equals("&&") && !sep.equals("|") && !sep.equals("|&")) {
                    return false;
                }
            } else if (!insideTopLevelWord(s, steps)) {
                return false;
            }
        }
        return true;
    }

    private static boolean insideTopLevelWord(ShellScript.Step nested, List<ShellScript.Step> steps) {
        int start = nested.command().range().startOffset();
        int end = nested.command().range().endOffset();
        for (ShellScript.Step s : steps) {
            if (s.depth() == 0 && s.command().range().startOffset() < start && s.command().range().endOffset() >= end) {
                return true;
            }
        }
        return false;
    }
}
