package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/**
 * Prints typed instructions back to Dockerfile text: one line per instruction (continuations joined),
 * keywords upper-cased, flags re-quoted where needed, exec form as JSON, heredoc bodies after their
 * line, comments above. Parsing the output gives the same instructions ({@link Dump} equal).
 */
public final class Printer {

    private Printer() {
    }

    /** The whole file: directives, then every instruction; a blank line before each FROM after the first. */
    public static String print(Dockerfile dockerfile) {
        StringBuilder out = new StringBuilder();
        for (Directive d : dockerfile.directives()) {
            out.append("# ").append(d.name()).append('=').append(d.value()).append('\n');
        }
        if (!dockerfile.directives().isEmpty()) {
            out.append('\n');
        }
        boolean first = true;
        if (dockerfile.directives().isEmpty() && !dockerfile.instructions().get(0).comments().isEmpty()) {
            out.append('\n'); // a leading comment must not turn into a parser directive
        }
        for (Instruction i : dockerfile.instructions()) {
            if (i instanceof FromInstruction && !first) {
                out.append('\n');
            }
            first = false;
            for (Comment c : i.comments()) {
                out.append("# ").append(c.text()).append('\n');
            }
            out.append(print(i, dockerfile.escape()));
        }
        return out.toString();
    }

    /** One instruction, its line and heredoc bodies, each ending with a newline. */
    public static String print(Instruction instruction, char escape) {
        StringBuilder out = new StringBuilder();
        line(out, instruction, escape);
        out.append('\n');
        for (Heredoc h : instruction.heredocs()) {
            out.append(h.content()).append(h.name()).append('\n');
        }
        return out.toString();
    }

    private static void line(StringBuilder out, Instruction i, char escape) {
        out.append(i.keyword().name());
        for (Flag f : i.node().flags()) {
            out.append(' ').append(flag(f, escape));
        }
        StringBuilder rest = new StringBuilder();
        arguments(rest, i, escape);
        if (rest.toString().startsWith(" --")) {
            out.append(" --"); // arguments that look like flags must stay arguments
        }
        out.append(rest);
    }

    private static void arguments(StringBuilder out, Instruction i, char escape) {
        if (i instanceof FromInstruction from) {
            out.append(' ').append(from.image().raw());
            from.stageName().ifPresent(n -> out.append(" AS ").append(n.raw()));
        } else if (i instanceof RunInstruction run) {
            command(out, run.command());
        } else if (i instanceof CmdInstruction cmd) {
            command(out, cmd.command());
        } else if (i instanceof EntrypointInstruction entrypoint) {
            command(out, entrypoint.command());
        } else if (i instanceof ShellInstruction shell) {
            out.append(' ');
            json(out, shell.arguments());
        } else if (i instanceof EnvInstruction env) {
            pairs(out, env.pairs(), env.legacyForm());
        } else if (i instanceof LabelInstruction label) {
            pairs(out, label.pairs(), label.legacyForm());
        } else if (i instanceof MaintainerInstruction m) {
            out.append(' ').append(m.name().raw());
        } else if (i instanceof ExposeInstruction e) {
            words(out, e.ports());
        } else if (i instanceof AddInstruction add) {
            files(out, add.node(), add.sources(), add.destination());
        } else if (i instanceof CopyInstruction copy) {
            files(out, copy.node(), copy.sources(), copy.destination());
        } else if (i instanceof VolumeInstruction v) {
            if (v.node().json()) {
                out.append(' ');
                json(out, v.paths());
            } else {
                words(out, v.paths());
            }
        } else if (i instanceof UserInstruction u) {
            out.append(' ').append(u.user().raw());
        } else if (i instanceof WorkdirInstruction w) {
            out.append(' ').append(w.path().raw());
        } else if (i instanceof StopsignalInstruction s) {
            out.append(' ').append(s.signal().raw());
        } else if (i instanceof ArgInstruction a) {
            for (ArgDeclaration d : a.declarations()) {
                out.append(' ').append(d.word().raw());
            }
        } else if (i instanceof OnbuildInstruction on) {
            out.append(' ');
            line(out, on.trigger(), escape);
        } else if (i instanceof HealthcheckInstruction h) {
            if (h.none()) {
                out.append(" NONE");
            } else {
                out.append(" CMD");
                h.test().ifPresent(c -> command(out, c));
            }
        }
    }

    private static void command(StringBuilder out, Command command) {
        if (command instanceof Command.Exec exec) {
            out.append(' ');
            json(out, exec.arguments());
        } else {
            out.append(' ').append(((Command.Shell) command).script().raw());
        }
    }

    private static void files(StringBuilder out, Node node, List<Word> sources, Word destination) {
        List<Word> all = new java.util.ArrayList<>(sources);
        all.add(destination);
        if (node.json()) {
            out.append(' ');
            json(out, all);
        } else {
            words(out, all);
        }
    }

    private static void pairs(StringBuilder out, List<KeyValue> pairs, boolean legacy) {
        for (KeyValue kv : pairs) {
            out.append(' ').append(kv.key().raw()).append(legacy ? " " : "=").append(kv.value().raw());
        }
    }

    private static void words(StringBuilder out, List<Word> words) {
        for (Word w : words) {
            out.append(' ').append(w.raw());
        }
    }

    /** A flag as BuildKit reads it back: quoted when its value holds blanks, quotes or the escape character. */
    static String flag(Flag f, char escape) {
        Optional<String> value = f.value();
        String name = "--" + f.name();
        if (value.isEmpty()) {
            return name;
        }
        String v = value.get();
        boolean plain = !v.isEmpty();
        for (int i = 0; i < v.length() && plain; i++) {
            char c = v.charAt(i);
            plain = !Character.isWhitespace(c) && c != '"' && c != '\'' && c != escape && c != 0x85 && c != 0xA0;
        }
        if (plain) {
            return name + "=" + v;
        }
        StringBuilder out = new StringBuilder(name).append("=\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == escape) {
                out.append(escape);
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    private static void json(StringBuilder out, List<Word> words) {
        out.append('[');
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            jsonString(out, words.get(i).value());
        }
        out.append(']');
    }

    private static void jsonString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0xA0 || c == 0x2028 || c == 0x2029
                            || Character.isWhitespace(c) && c != ' ') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
