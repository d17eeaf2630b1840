package dev.kiln.dockerfile.ast;

import java.util.List;

/**
 * The command of a RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD: shell form (run by the stage's SHELL) or
 * exec form (a JSON array, run directly).
 */
public sealed interface Command permits Command.Shell, Command.Exec {

    /** {@code RUN apt-get update}: the text handed to the shell, continuations joined. */
    record Shell(Word script) implements Command {
    }

    /** {@code CMD ["nginx", "-g", "daemon off;"]}: each element decoded. */
    record Exec(List<Word> arguments) implements Command {
        public Exec {
            arguments = List.copyOf(arguments);
        }
    }

    /** The argument values: the script as one element for shell form. */
    default List<String> values() {
        if (this instanceof Exec exec) {
            return exec.arguments().stream().map(Word::value).toList();
        }
        return List.of(((Shell) this).script().value());
    }
}
