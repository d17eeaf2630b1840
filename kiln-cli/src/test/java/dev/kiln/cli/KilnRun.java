package dev.kiln.cli;

import java.io.PrintWriter;
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
        env.put("KILN_CONFIG", home.resolveSibling("no-such-kiln.yaml").toString());
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
