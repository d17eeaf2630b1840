package dev.kiln.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Where a command writes and what it knows of its surroundings. Commands never touch
 * {@code System.out}, {@code System.err} or {@code System.getenv} directly, so tests run them
 * in-process with captured output and a chosen environment.
 */
public record Terminal(PrintWriter out, PrintWriter err, Map<String, String> env, boolean interactive, InputStream in) {

    public Terminal {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(env);
        in = in == null ? InputStream.nullInputStream() : in;
    }

    /** A terminal with nothing on standard input. */
    public Terminal(PrintWriter out, PrintWriter err, Map<String, String> env, boolean interactive) {
        this(out, err, env, interactive, InputStream.nullInputStream());
    }

    public static Terminal system() {
        return new Terminal(
                writer(System.out),
                writer(System.err),
                System.getenv(),
                System.console() != null && !"dumb".equals(System.getenv("TERM")),
                System.in);
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    public String env(String name) {
        return env.get(name);
    }
}
