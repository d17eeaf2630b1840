package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.CmdInstruction;
import dev.kiln.dockerfile.ast.Command;
import dev.kiln.dockerfile.ast.EntrypointInstruction;
import dev.kiln.dockerfile.ast.ExposeInstruction;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * KL002: a long-running server (the final image EXPOSEs a port) whose PID 1 is not an init: no
 * tini, dumb-init, catatonit, s6 or supervisor in front. PID 1 gets no default signal handlers, so
 * SIGTERM is ignored unless the program handles it, and orphaned children become zombies. Servers
 * written to be PID 1 (postgres, nginx, httpd, php-fpm, redis-server ...; also behind an entrypoint
 * script that execs the CMD) are not flagged, nor are images that inherit their command.
 */
public final class NoInit extends BaseRule {

    static final Set<String> INITS = Set.of("tini", "tini-static", "dumb-init", "catatonit", "docker-init", "init",
            "s6-svscan", "runsvdir", "supervisord", "systemd", "my_init", "pid1", "s6-overlay-suexec", "runit");

    /**
     * Servers written to run as PID 1: they handle SIGTERM themselves and wait for their own children
     * (the official images run them without an init). Node, Python, Java and shell scripts do not.
     */
    static final Set<String> SIGNAL_AWARE = Set.of("postgres", "nginx", "httpd", "httpd-foreground", "apache2",
            "apache2-foreground", "php-fpm", "memcached", "redis-server", "redis-sentinel", "mongod", "mongos",
            "mysqld", "mariadbd", "rabbitmq-server", "haproxy", "caddy", "traefik", "envoy", "unitd", "varnishd",
            "dockerd", "containerd", "buildkitd", "registry", "influxd", "etcd", "consul", "vault", "nats-server");

    public NoInit() {
        super("KL002", Level.INFO, "Long-running server without an init process",
                "Run servers under an init (ENTRYPOINT [\"tini\", \"--\", ...], about 1 MB, or docker run --init) so SIGTERM works and zombies are reaped.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        List<Stage> chain = context.ancestry(context.finalStage());
        boolean exposes = chain.stream().anyMatch(s -> !s.instructions(ExposeInstruction.class).isEmpty());
        if (!exposes || context.isWindows(context.finalStage())) {
            return;
        }
        Optional<Instruction> entrypoint = last(chain, EntrypointInstruction.class);
        Optional<Instruction> cmd = last(chain, CmdInstruction.class);
        Instruction pid1 = entrypoint.orElse(cmd.orElse(null));
        if (pid1 == null) {
            return;
        }
        Command command = pid1 instanceof EntrypointInstruction e ? e.command() : ((CmdInstruction) pid1).command();
        String program = program(context, pid1, command);
        if (program == null || INITS.contains(program)) {
            return;
        }
        // an entrypoint script ends with exec "$@": the CMD's program becomes PID 1
        if (entrypoint.isPresent() && cmd.isPresent() && isScript(program)) {
            Command c = ((CmdInstruction) cmd.get()).command();
            String served = program(context, cmd.get(), c);
            if (served != null && SIGNAL_AWARE.contains(served)) {
                return;
            }
        }
        if (SIGNAL_AWARE.contains(program)) {
            return;
        }
        boolean shell = command instanceof Command.Shell;
        sink.report(pid1.node().keywordRange(), (shell ? "PID 1 is /bin/sh (shell form), which" : "PID 1 is " + program
                + " (or what it execs), which as PID 1") + " gets no default signal handling and does not reap zombies, so docker stop"
                + " may wait for its timeout; start it under an init: ENTRYPOINT [\"tini\", \"--\", ...] (about 1 MB)"
                + " or run with --init");
    }

    private static boolean isScript(String program) {
        return program.endsWith(".sh") || program.contains("entrypoint");
    }

    private static Optional<Instruction> last(List<Stage> chain, Class<? extends Instruction> type) {
        for (Stage s : chain) {
            List<? extends Instruction> found = s.instructions(type);
            if (!found.isEmpty()) {
                return Optional.of(found.get(found.size() - 1));
            }
        }
        return Optional.empty();
    }

    /** The basename of the program PID 1 runs, or null if it cannot be told. */
    private static String program(LintContext context, Instruction at, Command command) {
        String first;
        if (command instanceof Command.Exec exec) {
            if (exec.arguments().isEmpty()) {
                return null;
            }
            first = exec.arguments().get(0).value();
        } else {
            Optional<ShellScript> s = context.script(at);
            if (s.isEmpty() || s.get().commands().isEmpty()) {
                return null;
            }
            first = s.get().commands().get(0).unwrapped().name();
        }
        return first.substring(first.lastIndexOf('/') + 1);
    }
}
