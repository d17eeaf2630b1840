package dev.kiln.build.run;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a sandbox's host-side command, pumps its two output streams to the caller's sink and a
 * tail, and makes sure the whole process tree dies when the run is interrupted, times out or the JVM
 * shuts down (Ctrl-C). {@code cleanup} runs exactly once after the process is gone.
 */
final class SandboxProcess {

    private static final int TAIL_LINES = 30;
    private static final Map<String, String> HOST_ENV = Map.of(
            "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C");

    private SandboxProcess() {
    }

    static RunResult run(List<String> command, RunSpec spec, OutputSink output, Runnable cleanup)
            throws SandboxException, InterruptedException {
        Instant start = Instant.now();
        OutputTail tail = new OutputTail(TAIL_LINES);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(HOST_ENV);
        builder.redirectInput(spec.stdin() == RunSpec.Stdin.INHERIT
                ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            cleanup.run();
            throw new SandboxException(dev.kiln.KilnException.Kind.FAILURE,
                    "cannot start the sandbox (" + command.get(0) + "): " + e.getMessage(), e);
        }
        Thread killer = new Thread(() -> killTree(process), "kiln-sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(killer);
        Thread out = pump(process.getInputStream(), OutputSink.Stream.STDOUT, output, tail);
        Thread err = pump(process.getErrorStream(), OutputSink.Stream.STDERR, output, tail);
        boolean finished = false;
        try {
            Duration timeout = spec.timeout();
            if (timeout == null) {
                process.waitFor();
                finished = true;
            } else {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            if (!finished) {
                killTree(process);
            }
            // a grandchild that escaped the kill could hold the pipes open: never wait for it forever
            out.join(finished ? 0 : 5000);
            err.join(finished ? 0 : 5000);
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: it kills the tree itself
            }
            cleanup.run();
        }
        if (!finished) {
            throw new SandboxException(dev.kiln.KilnException.Kind.FAILURE,
                    "'" + String.join(" ", spec.argv()) + "' did not finish within " + spec.timeout().toSeconds() + " s");
        }
        return new RunResult(process.exitValue(), tail.lines(), Duration.between(start, Instant.now()));
    }

    /** SIGKILL for the sandbox's parent and everything below it; PID namespace init death does the rest. */
    static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(InputStream in, OutputSink.Stream stream, OutputSink output, OutputTail tail) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    tail.write(stream, buffer, n);
                    output.write(stream, buffer, n);
                }
            } catch (IOException closed) {
                // the process is gone; what was read has been delivered
            }
        }, "kiln-sandbox-" + stream.name().toLowerCase(java.util.Locale.ROOT));
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
