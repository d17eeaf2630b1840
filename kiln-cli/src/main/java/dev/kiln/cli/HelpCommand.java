package dev.kiln.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kiln help [COMMAND [SUBCOMMAND...]]}. picocli's own help command reads only the first name,
 * so {@code kiln help layer extract} showed the help of {@code layer}.
 */
@Command(name = "help",
        description = "Show the help of a command: kiln help layer extract.")
final class HelpCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, then its subcommands.")
    List<String> names = List.of();

    HelpCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        CommandLine target = spec.parent().commandLine();
        for (String name : names) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "no command '" + String.join(" ", names) + "': '" + target.getCommandSpec().qualifiedName()
                                + "' has no subcommand '" + name + "'");
            }
            target = next;
        }
        target.usage(terminal.out());
        return 0;
    }
}
