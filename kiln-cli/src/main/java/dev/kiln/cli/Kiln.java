package dev.kiln.cli;

import picocli.CommandLine;

/** Builds the command tree and runs one invocation; the testable heart of {@link Main}. */
public final class Kiln {

    private Kiln() {
    }

    /** Runs kiln with the given arguments and returns the exit code (0 ok, 1 findings or failure, 2 bad usage or input). */
    public static int run(Terminal terminal, String... args) {
        CommandLine cli = commandLine(terminal);
        int code = cli.execute(args);
        terminal.out().flush();
        terminal.err().flush();
        return code;
    }

    static CommandLine commandLine(Terminal terminal) {
        KilnCommand root = new KilnCommand(terminal);
        CommandLine cli = new CommandLine(root, new CommandFactory(terminal));
        ErrorHandler errors = new ErrorHandler(terminal, root);
        cli.setOut(terminal.out());
        cli.setErr(terminal.err());
        cli.setParameterExceptionHandler(errors);
        cli.setExecutionExceptionHandler(errors);
        for (Object command : Commands.all(terminal)) {
            cli.addSubcommand(command);
        }
        // After the subcommands: picocli applies this to the hierarchy as it is when called.
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // commands that run another program take everything after their first positional as its argv
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommandSpec().userObject() instanceof PassesArguments) {
                sub.setStopAtPositional(true);
            }
        }
        return cli;
    }
}
