package dev.kiln.cli;

import dev.kiln.KilnException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns every error into one {@code kiln: error: ...} line and an exit code: 2 for bad usage or bad
 * input, 1 for a failure. Stack traces only with {@code --debug}.
 */
final class ErrorHandler implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int BAD_INPUT = 2;

    private final Terminal terminal;
    private final KilnCommand root;

    ErrorHandler(Terminal terminal, KilnCommand root) {
        this.terminal = terminal;
        this.root = root;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        terminal.err().println("kiln: error: " + dev.kiln.TerminalText.safe(oneLine(parseMessage(ex))));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, terminal.err());
        if (debugRequested(args)) {
            ex.printStackTrace(terminal.err());
        }
        terminal.err().println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
        return BAD_INPUT;
    }

    /**
     * A value a converter refused reads {@code --platform bogus: why}, naming the option and the value
     * as typed; other parse errors keep picocli's wording.
     */
    private static String parseMessage(CommandLine.ParameterException ex) {
        if (ex.getCause() instanceof CommandLine.TypeConversionException refused
                && ex.getArgSpec() instanceof CommandLine.Model.OptionSpec option && ex.getValue() != null) {
            return option.longestName() + " " + ex.getValue() + ": " + refused.getMessage();
        }
        return ex.getMessage();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        Throwable cause = unwrap(ex);
        terminal.err().println("kiln: error: " + dev.kiln.TerminalText.safe(message(cause)));
        if (root.debug()) {
            cause.printStackTrace(terminal.err());
        }
        return exitCode(cause);
    }

    /** A throwable that escaped every command's handling: one line, exit 1, the trace only with --debug. */
    static int uncaught(Terminal terminal, Throwable error, boolean debug) {
        terminal.err().println("kiln: error: " + dev.kiln.TerminalText.safe(message(error)));
        if (debug) {
            error.printStackTrace(terminal.err());
        }
        return FAILURE;
    }

    static int exitCode(Throwable error) {
        if (error instanceof KilnException kiln) {
            return kiln.kind() == KilnException.Kind.BAD_INPUT ? BAD_INPUT : FAILURE;
        }
        if (error instanceof NoSuchFileException || error instanceof FileNotFoundException
                || error instanceof NotDirectoryException || error instanceof FileAlreadyExistsException
                || error instanceof IllegalArgumentException || error instanceof CommandLine.ParameterException
                || isDirectoryMixUp(error)) {
            return BAD_INPUT;
        }
        return FAILURE;
    }

    static String message(Throwable error) {
        VirtualMachineError vm = jvmError(error);
        if (vm instanceof StackOverflowError) {
            return "internal error: stack overflow (input nested too deeply?); run with --debug for the stack trace";
        }
        if (vm != null) {
            return "internal error: " + vm.getClass().getSimpleName()
                    + (vm instanceof OutOfMemoryError ? " (more heap: KILN_JVM_OPTS=-Xmx4g)" : "")
                    + "; run with --debug for the stack trace";
        }
        if (error instanceof NoSuchFileException e) {
            return "no such file or directory: " + e.getFile();
        }
        if (error instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (error instanceof NotDirectoryException e) {
            return "not a directory: " + e.getFile();
        }
        if (error instanceof FileAlreadyExistsException e) {
            return "already exists: " + e.getFile();
        }
        if (error instanceof FileSystemException e && e.getReason() != null) {
            return oneLine(e.getFile() + (e.getOtherFile() != null ? " -> " + e.getOtherFile() : "") + ": "
                    + lowerFirst(e.getReason()));
        }
        String text = error.getMessage();
        if (text == null || text.isBlank()) {
            text = error.getClass().getSimpleName();
        } else if (!(error instanceof KilnException) && !(error instanceof IllegalArgumentException)
                && !(error instanceof IOException)) {
            text = error.getClass().getSimpleName() + ": " + text + " (run with --debug for details)";
        }
        return oneLine(text);
    }

    /** A directory where a file was expected, or the other way round: the user named the wrong path. */
    private static boolean isDirectoryMixUp(Throwable error) {
        if (!(error instanceof FileSystemException e) || e.getReason() == null) {
            return false;
        }
        String reason = e.getReason().toLowerCase(java.util.Locale.ROOT);
        return reason.startsWith("is a directory") || reason.startsWith("not a directory");
    }

    /** "Is a directory" (the C library's wording) reads as "is a directory" after a path. */
    private static String lowerFirst(String reason) {
        return reason.length() > 1 && Character.isUpperCase(reason.charAt(0)) && Character.isLowerCase(reason.charAt(1))
                ? Character.toLowerCase(reason.charAt(0)) + reason.substring(1) : reason;
    }

    /** A stack overflow or out-of-memory anywhere in the cause chain (worker threads wrap theirs). */
    private static VirtualMachineError jvmError(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof VirtualMachineError vm) {
                return vm;
            }
        }
        return null;
    }

    private static Throwable unwrap(Throwable error) {
        // Streams can only throw IOException, so library code carries a KilnException (a corrupt
        // blob, an unsafe tar entry) as the cause of one; report the KilnException and its kind.
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof KilnException) {
                return t;
            }
        }
        Throwable current = error;
        while ((current instanceof UncheckedIOException || current instanceof CommandLine.ExecutionException
                || (current instanceof IOException && current.getCause() instanceof KilnException))
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String firstLine = text.strip().lines().findFirst().orElse("");
        return firstLine;
    }

    static boolean debugRequested(String[] args) {
        for (String arg : args) {
            if ("--debug".equals(arg)) {
                return true;
            }
        }
        return false;
    }
}
