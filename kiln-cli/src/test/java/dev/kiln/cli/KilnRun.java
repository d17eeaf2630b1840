package dev.kiln.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs kiln in-process with a private store and captures what it printed. */
final class KilnRun {

    /** One invocation's outcome. */
    record Result(int exitCode, String out, String err) {
        /** The lines of stderr that are errors. */
        long errorLines() {
            return err.lines().filter(l -> l.startsWith("kiln: error:")).count();
        }
    }

    private final Map<String, String> env = new HashMap<>();

    KilnRun(Path home) {
        env.put("KILN_HOME", home.toString());
        env.put("HOME", home.resolveSibling("user-home").toString());
        // an empty settings file: no .kiln.yaml of the working directory leaks in (a missing one is an error)
        Path settings = home.resolveSibling("empty-kiln.yaml");
        try {
            Files.createDirectories(settings.getParent());
            Files.writeString(settings, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("KILN_CONFIG", settings.toString());
    }

    KilnRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), env, false);
        int code = Kiln.run(terminal, args);
        return new Result(code, out.toString(), err.toString());
    }
}
