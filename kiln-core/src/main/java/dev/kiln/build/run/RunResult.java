package dev.kiln.build.run;

import java.time.Duration;
import java.util.List;

/**
 * How a sandboxed process ended.
 *
 * @param exitCode the process's exit code; 128+N when signal N killed it
 * @param tail     its last output lines (see {@link OutputTail}), for error messages
 * @param elapsed  wall time including sandbox setup and teardown
 */
public record RunResult(int exitCode, List<String> tail, Duration elapsed) {

    public RunResult {
        tail = List.copyOf(tail);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
