package dev.kiln.lint.rules;

import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.dockerfile.shell.SimpleCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A command's arguments read with the knowledge of which of its options take a separate value
 * ({@code apt-get -o Dpkg::Options::=x install}, {@code pip install -i URL pkg}), so option values
 * are never mistaken for the subcommand or for package names. {@code --} ends the options.
 */
final class Argv {

    private final SimpleCommand command;
    private final List<ShellWord> positionals;

    private Argv(SimpleCommand command, List<ShellWord> positionals) {
        this.command = command;
        this.positionals = positionals;
    }

    static Argv of(SimpleCommand command, Set<String> optionsWithValue) {
        List<ShellWord> out = new ArrayList<>();
        List<ShellWord> args = command.arguments();
        boolean options = true;
        for (int i = 0; i < args.size(); i++) {
            ShellWord w = args.get(i);
            String v = w.value();
            if (options && v.equals("--")) {
                options = false;
            } else if (options && w.isOption()) {
                if (optionsWithValue.contains(v)) {
                    i++;
                }
            } else {
                out.add(w);
            }
        }
        return new Argv(command, List.copyOf(out));
    }

    SimpleCommand command() {
        return command;
    }

    /** The words that are not options nor option values. */
    List<ShellWord> positionals() {
        return positionals;
    }

    /** The first positional ({@code install} in {@code apt-get -q install x}). */
    Optional<ShellWord> subcommand() {
        return positionals.isEmpty() ? Optional.empty() : Optional.of(positionals.get(0));
    }

    String subcommandName() {
        return subcommand().map(ShellWord::value).orElse("");
    }

    /** The positionals after the subcommand (package names for an install). */
    List<ShellWord> operands() {
        return positionals.size() <= 1 ? List.of() : positionals.subList(1, positionals.size());
    }

    boolean has(String... flags) {
        return command.hasAnyFlag(flags);
    }

    /** True if any argument word equals {@code text} exactly (option or not). */
    boolean hasWord(String text) {
        return command.arguments().stream().anyMatch(w -> w.value().equals(text));
    }

    /** True if any argument starts with {@code prefix}. */
    boolean hasWordStartingWith(String prefix) {
        return command.arguments().stream().anyMatch(w -> w.value().startsWith(prefix));
    }
}
