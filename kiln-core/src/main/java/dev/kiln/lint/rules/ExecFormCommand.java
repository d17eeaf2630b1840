package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.CmdInstruction;
import dev.kiln.dockerfile.ast.Command;
import dev.kiln.dockerfile.ast.EntrypointInstruction;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.lint.Fix;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import dev.kiln.lint.TextEdit;
import java.util.List;
import java.util.Optional;

/**
 * DL3025: CMD or ENTRYPOINT in shell form runs {@code /bin/sh -c}, which becomes PID 1 and does not
 * pass SIGTERM on, so {@code docker stop} waits out its timeout and kills. The fix rewrites to exec
 * (JSON) form only when the text has no shell features (variables, globs, operators, redirections,
 * escapes), and for ENTRYPOINT only when the stage has no CMD (exec form would append CMD to it).
 */
public final class ExecFormCommand extends BaseRule {

    public ExecFormCommand() {
        super("DL3025", Level.WARNING, "Use arguments JSON notation for CMD and ENTRYPOINT arguments",
                "Write CMD/ENTRYPOINT as a JSON array so the program is PID 1 and receives SIGTERM; shell form makes sh PID 1.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.stages()) {
            boolean hasCmd = !stage.instructions(CmdInstruction.class).isEmpty();
            for (Instruction i : stage.instructions()) {
                Command command;
                String keyword;
                if (i instanceof CmdInstruction cmd) {
                    command = cmd.command();
                    keyword = "CMD";
                } else if (i instanceof EntrypointInstruction ep) {
                    command = ep.command();
                    keyword = "ENTRYPOINT";
                } else {
                    continue;
                }
                if (!(command instanceof Command.Shell shell)) {
                    continue;
                }
                Optional<Fix> fix = Optional.empty();
                if (!(keyword.equals("ENTRYPOINT") && hasCmd) && context.isPosixShell(stage, i)) {
                    fix = execForm(context, i, shell.script());
                }
                sink.report(shell.script().range(), keyword + " in shell form runs under /bin/sh -c, which ignores"
                        + " SIGTERM, so stopping the container waits for the kill timeout; write it as a JSON array"
                        + fix.map(f -> " (" + f.description() + ")").orElse(""), fix);
            }
        }
    }

    /** The JSON-array rewrite, when every word is literal and the text is one simple command. */
    static Optional<Fix> execForm(LintContext context, Instruction instruction, Word script) {
        Optional<ShellScript> parsed = context.script(instruction);
        if (parsed.isEmpty() || parsed.get().steps().size() != 1) {
            return Optional.empty();
        }
        ShellScript.Step step = parsed.get().steps().get(0);
        if (!step.separator().isEmpty() || !step.command().assignments().isEmpty()
                || !step.command().redirects().isEmpty()) {
            return Optional.empty();
        }
        List<ShellWord> words = step.command().words();
        StringBuilder json = new StringBuilder("[");
        for (ShellWord w : words) {
            if (w.dynamic() || !literal(w.raw())) {
                return Optional.empty();
            }
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append('"').append(jsonEscape(w.value())).append('"');
        }
        json.append(']');
        String text = json.toString();
        return Optional.of(Fix.of("write " + text, new TextEdit(script.range().startOffset(), script.range().endOffset(),
                text)));
    }

    /** Plain words and simple quoted strings only: no expansion, glob, escape, tilde or comment. */
    private static boolean literal(String raw) {
        if (raw.isEmpty() || raw.startsWith("#") || raw.startsWith("~")) {
            return false;
        }
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '\\' || c == '$' || c == '`' || c == '\n') {
                return false;
            } else if (!single && !dbl && "*?[]{}!".indexOf(c) >= 0) {
                return false;
            }
        }
        return !single && !dbl;
    }

    static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
