package dev.kiln.dockerfile.shell;

import dev.kiln.dockerfile.ast.Command;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.Heredoc;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.dockerfile.parser.DockerfileParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The simple commands of a RUN: its shell-form text and, when the heredoc is the script itself
 * ({@code RUN <<EOF} or {@code RUN bash <<EOF}), the heredoc bodies; commands inside {@code $(...)},
 * backticks, subshells, groups, {@code if}, {@code for}, {@code while} and {@code case} included.
 * Every word's range points into the Dockerfile.
 *
 * <pre>{@code
 * for (SimpleCommand c : ShellScript.of(dockerfile, run).commandsNamed("apt-get")) {
 *     if (c.subcommand().map(ShellWord::value).orElse("").equals("install")
 *             && !c.hasFlag("--no-install-recommends")) { ... c.range() ... }
 * }
 * }</pre>
 */
public final class ShellScript {

    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh");

    /**
     * A command in its place in the script.
     *
     * @param command   the command
     * @param separator the operator after it: {@code &&}, {@code ||}, {@code ;}, {@code |}, {@code |&},
     *                  {@code &}, {@code ;;}, {@code (}, {@code )}, a newline, or "" at the end of its script
     * @param depth     0 at the top level; 1 more inside each {@code if}/{@code for}/{@code while}/{@code until}/
     *                  {@code case}/{@code { }} body, subshell and command substitution
     * @param isolated  true inside a subshell or command substitution, where {@code cd}, {@code export}
     *                  or {@code set} do not reach the commands after it
     */
    public record Step(SimpleCommand command, String separator, int depth, boolean isolated) {
    }

    private final List<SimpleCommand> commands;
    private final List<Step> steps;

    private ShellScript(List<SimpleCommand> commands, List<Step> steps) {
        this.commands = List.copyOf(commands);
        this.steps = List.copyOf(steps);
    }

    /**
     * Reads script text whose offsets {@code map} sends to the Dockerfile.
     *
     * @throws DockerfileParseException (file name "script") when substitutions nest too deep to read
     */
    public static ShellScript parse(String text, PositionMap map) throws DockerfileParseException {
        List<SimpleCommand> out = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        ShellParser.read("script", text, 0, text.length(), map, out, steps);
        return new ShellScript(out, steps);
    }

    /** Reads text that is not from a Dockerfile (positions count from the text's start). */
    public static ShellScript parse(String text) throws DockerfileParseException {
        return parse(text, PositionMap.verbatim(text, 0, text.length()));
    }

    /**
     * The commands of a RUN (or any instruction with a shell-form command, such as CMD): empty for exec form.
     *
     * @throws DockerfileParseException when command substitutions nest too deep to read (the shell
     *                                  would run them; kiln cannot check them)
     */
    public static ShellScript of(Dockerfile dockerfile, Instruction instruction) throws DockerfileParseException {
        Command command = commandOf(instruction);
        List<SimpleCommand> out = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (command instanceof Command.Shell shell) {
            Word script = shell.script();
            PositionMap map = PositionMap.joined(dockerfile.source(), script.range().startOffset(),
                    script.raw().length(), dockerfile.escape());
            List<SimpleCommand> line = new ArrayList<>();
            ShellParser.read(dockerfile.fileName(), script.raw(), 0, script.raw().length(), map, line, steps);
            out.addAll(line);
            boolean scriptIsHeredoc = line.isEmpty() || line.stream().anyMatch(c -> SHELLS.contains(c.name())
                    && c.arguments().stream().noneMatch(a -> !a.isOption()));
            if (scriptIsHeredoc) {
                for (Heredoc h : instruction.heredocs()) {
                    // the raw body: leading tabs of <<- are blanks to the shell, and offsets stay exact
                    String body = h.content();
                    PositionMap bodyMap = PositionMap.verbatim(dockerfile.source(), h.contentRange().startOffset(),
                            body.length());
                    ShellParser.read(dockerfile.fileName(), body, 0, body.length(), bodyMap, out, steps);
                }
            }
        }
        return new ShellScript(out, steps);
    }

    private static Command commandOf(Instruction instruction) {
        if (instruction instanceof dev.kiln.dockerfile.ast.RunInstruction run) {
            return run.command();
        }
        if (instruction instanceof dev.kiln.dockerfile.ast.CmdInstruction cmd) {
            return cmd.command();
        }
        if (instruction instanceof dev.kiln.dockerfile.ast.EntrypointInstruction entrypoint) {
            return entrypoint.command();
        }
        if (instruction instanceof dev.kiln.dockerfile.ast.OnbuildInstruction on) {
            return commandOf(on.trigger());
        }
        return null;
    }

    /** Every simple command, in order (a substitution's commands before the command holding it). */
    public List<SimpleCommand> commands() {
        return commands;
    }

    /** Every command with the operator after it and its nesting, in the order of {@link #commands()}. */
    public List<Step> steps() {
        return steps;
    }

    /** True if a pipeline ({@code a | b}, {@code a |& b}) appears anywhere, substitutions included. */
    public boolean hasPipe() {
        for (Step s : steps) {
            if (s.separator().equals("|") || s.separator().equals("|&")) {
                return true;
            }
        }
        return false;
    }

    /** The commands that run {@code name}, through wrappers, returned unwrapped. */
    public List<SimpleCommand> commandsNamed(String name) {
        List<SimpleCommand> out = new ArrayList<>();
        for (SimpleCommand c : commands) {
            SimpleCommand u = c.unwrapped();
            if (u.name().equals(name)) {
                out.add(u);
            }
        }
        return out;
    }
}
