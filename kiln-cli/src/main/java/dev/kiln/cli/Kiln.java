package dev.kiln.cli;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import picocli.CommandLine;

/** Builds the command tree and runs one invocation; the testable heart of {@link Main}. */
public final class Kiln {

    private Kiln() {
    }

    /** Runs kiln with the given arguments and returns the exit code (0 ok, 1 findings or failure, 2 bad usage or input). */
    public static int run(Terminal terminal, String... args) {
        try {
            return guarded(terminal, args, () -> commandLine(terminal, args).execute(args));
        } finally {
            terminal.out().flush();
            terminal.err().flush();
        }
    }

    /**
     * Runs {@code body}, turning what escapes picocli's handlers (errors such as a stack overflow,
     * which it does not catch) into the one error line and exit 1 every other failure gets.
     */
    static int guarded(Terminal terminal, String[] args, IntSupplier body) {
        try {
            return body.getAsInt();
        } catch (RuntimeException | Error e) {
            return ErrorHandler.uncaught(terminal, e, ErrorHandler.debugRequested(args));
        }
    }

    static CommandLine commandLine(Terminal terminal) {
        return commandLine(terminal, new String[0]);
    }

    /**
     * The command tree for these arguments. picocli reflects over every registered command when it
     * is added, which costs more start-up time than most commands take to run; so when the arguments
     * name a subcommand, only that one is registered. Help, unknown names and no subcommand get all.
     */
    static CommandLine commandLine(Terminal terminal, String[] args) {
        KilnCommand root = new KilnCommand(terminal);
        CommandLine cli = new CommandLine(root, new CommandFactory(terminal));
        ErrorHandler errors = new ErrorHandler(terminal, root);
        List<Object> all = Commands.all(terminal);
        String wanted = subcommand(args);
        List<Object> chosen = wanted == null ? all : all.stream().filter(c -> answersTo(c, wanted)).toList();
        for (Object command : chosen.isEmpty() || "help".equals(wanted) ? all : chosen) {
            cli.addSubcommand(command);
        }
        // After the subcommands: picocli applies these to the hierarchy as it is when called (help
        // output of a subcommand would otherwise go to System.out, not the terminal).
        cli.setOut(terminal.out());
        cli.setErr(terminal.err());
        cli.setParameterExceptionHandler(errors);
        cli.setExecutionExceptionHandler(errors);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // commands that run another program take everything after their first positional as its argv
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommandSpec().userObject() instanceof PassesArguments) {
                sub.setStopAtPositional(true);
            }
        }
        return cli;
    }

    /** The first argument that is not an option: the subcommand's name, if any. */
    private static String subcommand(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return null;
            }
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    private static boolean answersTo(Object command, String name) {
        Class<?> type = command instanceof Class<?> c ? c : command.getClass();
        CommandLine.Command spec = type.getAnnotation(CommandLine.Command.class);
        return spec != null && (spec.name().equals(name) || Arrays.asList(spec.aliases()).contains(name));
    }
}
