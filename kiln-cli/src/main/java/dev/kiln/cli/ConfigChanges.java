package dev.kiln.cli;

import dev.kiln.dockerfile.ast.CmdInstruction;
import dev.kiln.dockerfile.ast.Command;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.EntrypointInstruction;
import dev.kiln.dockerfile.ast.EnvInstruction;
import dev.kiln.dockerfile.ast.ExposeInstruction;
import dev.kiln.dockerfile.ast.HealthcheckInstruction;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.KeyValue;
import dev.kiln.dockerfile.ast.LabelInstruction;
import dev.kiln.dockerfile.ast.OnbuildInstruction;
import dev.kiln.dockerfile.ast.ShellInstruction;
import dev.kiln.dockerfile.ast.StopsignalInstruction;
import dev.kiln.dockerfile.ast.UserInstruction;
import dev.kiln.dockerfile.ast.VolumeInstruction;
import dev.kiln.dockerfile.ast.WorkdirInstruction;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.dockerfile.parser.DockerfileParseException;
import dev.kiln.dockerfile.parser.DockerfileParser;
import dev.kiln.oci.ContainerConfig;
import dev.kiln.oci.Healthcheck;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --change 'INSTRUCTION'} as {@code docker import} and {@code docker commit} take it: the
 * Dockerfile instructions that only set configuration (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER,
 * WORKDIR, VOLUME, STOPSIGNAL, SHELL, HEALTHCHECK, ONBUILD), parsed by kiln's Dockerfile parser and
 * applied in order. Anything else is refused naming the change.
 */
final class ConfigChanges {

    private final List<Instruction> instructions;

    private ConfigChanges(List<Instruction> instructions) {
        this.instructions = instructions;
    }

    /** Parses every change; errors name the change and what is wrong. */
    static ConfigChanges parse(List<String> changes) throws DockerfileParseException {
        List<Instruction> parsed = new ArrayList<>();
        for (String change : changes) {
            if (change.isBlank()) {
                throw new IllegalArgumentException("--change '': empty instruction");
            }
            Dockerfile file = DockerfileParser.parse("--change", "FROM scratch\n" + change + "\n");
            List<Instruction> body = file.stages().get(0).instructions();
            if (body.size() != 1) {
                throw new IllegalArgumentException("--change '" + change + "': expected one instruction");
            }
            Instruction instruction = body.get(0);
            if (!supported(instruction)) {
                throw new IllegalArgumentException("--change '" + change + "': " + instruction.keyword()
                        + " cannot be applied to a config (use CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR, "
                        + "VOLUME, STOPSIGNAL, SHELL, HEALTHCHECK or ONBUILD)");
            }
            parsed.add(instruction);
        }
        return new ConfigChanges(List.copyOf(parsed));
    }

    private static boolean supported(Instruction i) {
        return i instanceof CmdInstruction || i instanceof EntrypointInstruction || i instanceof EnvInstruction
                || i instanceof ExposeInstruction || i instanceof LabelInstruction || i instanceof UserInstruction
                || i instanceof WorkdirInstruction || i instanceof VolumeInstruction
                || i instanceof StopsignalInstruction || i instanceof ShellInstruction
                || i instanceof HealthcheckInstruction || i instanceof OnbuildInstruction;
    }

    boolean isEmpty() {
        return instructions.isEmpty();
    }

    /** The config with every change applied in order. */
    ContainerConfig apply(ContainerConfig config) {
        ContainerConfig current = config;
        for (Instruction instruction : instructions) {
            current = apply(current, instruction);
        }
        return current;
    }

    private static ContainerConfig apply(ContainerConfig c, Instruction i) {
        ContainerConfig.Builder b = c.toBuilder();
        if (i instanceof CmdInstruction cmd) {
            return b.cmd(command(c, cmd.command())).build();
        }
        if (i instanceof EntrypointInstruction entrypoint) {
            // As in Docker, a new ENTRYPOINT clears an inherited CMD.
            return b.entrypoint(command(c, entrypoint.command())).cmd(null).build();
        }
        if (i instanceof EnvInstruction env) {
            ContainerConfig result = c;
            for (KeyValue pair : env.pairs()) {
                result = result.withEnv(pair.key().value(), pair.value().value());
            }
            return result;
        }
        if (i instanceof ExposeInstruction expose) {
            for (Word port : expose.ports()) {
                b.exposePort(port.value());
            }
            return b.build();
        }
        if (i instanceof LabelInstruction label) {
            for (KeyValue pair : label.pairs()) {
                b.label(pair.key().value(), pair.value().value());
            }
            return b.build();
        }
        if (i instanceof UserInstruction user) {
            return b.user(user.user().value()).build();
        }
        if (i instanceof WorkdirInstruction workdir) {
            String path = workdir.path().value();
            String base = c.workingDir() == null || c.workingDir().isEmpty() ? "/" : c.workingDir();
            String resolved = path.startsWith("/") ? path : java.nio.file.Path.of(base).resolve(path).normalize().toString();
            return b.workingDir(resolved).build();
        }
        if (i instanceof VolumeInstruction volume) {
            for (Word path : volume.paths()) {
                b.addVolume(path.value());
            }
            return b.build();
        }
        if (i instanceof StopsignalInstruction stop) {
            return b.stopSignal(stop.signal().value()).build();
        }
        if (i instanceof ShellInstruction shell) {
            return b.shell(shell.arguments().stream().map(Word::value).toList()).build();
        }
        if (i instanceof HealthcheckInstruction health) {
            if (health.none()) {
                return b.healthcheck(new Healthcheck(List.of("NONE"), null, null, null, null, null)).build();
            }
            List<String> test = new ArrayList<>();
            Command command = health.test().orElseThrow();
            if (command instanceof Command.Exec exec) {
                test.add("CMD");
                exec.arguments().forEach(w -> test.add(w.value()));
            } else {
                test.add("CMD-SHELL");
                test.add(((Command.Shell) command).script().value());
            }
            return b.healthcheck(new Healthcheck(test, health.interval().orElse(null), health.timeout().orElse(null),
                    health.startPeriod().orElse(null), health.startInterval().orElse(null),
                    health.retries().isPresent() ? health.retries().getAsInt() : null)).build();
        }
        OnbuildInstruction onbuild = (OnbuildInstruction) i;
        List<String> triggers = new ArrayList<>(c.onBuild() == null ? List.of() : c.onBuild());
        triggers.add(onbuild.node().rest().raw());
        return b.onBuild(triggers).build();
    }

    /** Exec form as written; shell form wrapped in the config's shell (default {@code /bin/sh -c}). */
    private static List<String> command(ContainerConfig c, Command command) {
        if (command instanceof Command.Exec exec) {
            return exec.arguments().stream().map(Word::value).toList();
        }
        List<String> shell = new ArrayList<>(c.shell() == null || c.shell().isEmpty()
                ? List.of("/bin/sh", "-c") : c.shell());
        shell.add(((Command.Shell) command).script().value());
        return shell;
    }
}
