package dev.kiln.build.run;

import dev.kiln.KilnException;
import java.util.List;

/**
 * A build step's command ran and exited non-zero. The message names the step, the command and the
 * exit code; {@link #tail()} keeps the last lines of output, which is what a user needs to fix it
 * without re-running.
 */
public class StepFailedException extends KilnException {

    private static final long serialVersionUID = 1L;

    private final String step;
    private final String command;
    private final int exitCode;
    private final List<String> tail;

    public StepFailedException(String step, String command, int exitCode, List<String> tail) {
        super(Kind.FAILURE, message(step, command, exitCode, tail));
        this.step = step;
        this.command = command;
        this.exitCode = exitCode;
        this.tail = List.copyOf(tail);
    }

    private static String message(String step, String command, int exitCode, List<String> tail) {
        StringBuilder text = new StringBuilder();
        text.append(step).append(": '").append(command).append("' ");
        if (exitCode > 128) {
            text.append("was killed by signal ").append(exitCode - 128);
        } else {
            text.append("exited with code ").append(exitCode);
        }
        // one line: the output's tail is in tail(), and the build's progress has shown it already
        return text.toString();
    }

    public String step() {
        return step;
    }

    public String command() {
        return command;
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> tail() {
        return tail;
    }
}
