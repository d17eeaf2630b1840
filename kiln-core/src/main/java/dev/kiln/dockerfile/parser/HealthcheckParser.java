package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.ast.Command;
import dev.kiln.dockerfile.ast.Flag;
import dev.kiln.dockerfile.ast.HealthcheckInstruction;
import dev.kiln.dockerfile.ast.Node;
import dev.kiln.dockerfile.ast.SourceRange;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.dockerfile.parser.FlagSet.Type;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code HEALTHCHECK [--interval --timeout --start-period --start-interval --retries] CMD ...|NONE}. */
final class HealthcheckParser {

    private static final Duration MINIMUM = Duration.ofMillis(1);

    private final String fileName;
    private final InstructionBuilder builder;

    HealthcheckParser(String fileName, InstructionBuilder builder) {
        this.fileName = fileName;
        this.builder = builder;
    }

    HealthcheckInstruction build(Node node, FlagSet flags) throws DockerfileParseException {
        flags.accept(Type.STRING, "interval", "timeout", "start-period", "start-interval", "retries").check();
        List<Word> args = node.args();
        if (args.isEmpty()) {
            throw error(node.range(), "HEALTHCHECK requires at least one argument");
        }
        String type = args.get(0).raw().toUpperCase(Locale.ROOT);
        if (type.equals("NONE")) {
            if (args.size() > 1 || !node.flags().isEmpty()) {
                throw error(node.rest().range(), "HEALTHCHECK NONE takes no arguments");
            }
            return new HealthcheckInstruction(node, true, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), OptionalInt.empty());
        }
        if (!type.equals("CMD")) {
            throw error(args.get(0).range(), "Unknown type \"" + args.get(0).raw() + "\" in HEALTHCHECK (try CMD)");
        }
        if (args.size() < 2 && !node.json()) {
            throw error(args.get(0).range(), "Missing command after HEALTHCHECK CMD");
        }
        List<Word> commandArgs = args.subList(1, args.size());
        Command test = node.json() ? new Command.Exec(commandArgs) : new Command.Shell(commandArgs.get(0));
        OptionalInt retries = OptionalInt.empty();
        Optional<String> r = flags.string("retries");
        if (r.isPresent()) {
            try {
                int value = Integer.parseInt(r.get());
                if (value < 0) {
                    throw error(range(flags, "retries", node), "--retries cannot be negative (" + value + ")");
                }
                retries = OptionalInt.of(value);
            } catch (NumberFormatException e) {
                throw error(range(flags, "retries", node), "invalid --retries value \"" + r.get() + "\"");
            }
        }
        return new HealthcheckInstruction(node, false, Optional.of(test), duration(flags, "interval", node),
                duration(flags, "timeout", node), duration(flags, "start-period", node),
                duration(flags, "start-interval", node), retries);
    }

    private Optional<Duration> duration(FlagSet flags, String name, Node node) throws DockerfileParseException {
        Optional<String> text = flags.string(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> d = GoDuration.parse(text.get());
        if (d.isEmpty()) {
            throw error(range(flags, name, node), "invalid duration \"" + text.get() + "\" for --" + name);
        }
        if (d.get().isNegative()) {
            throw error(range(flags, name, node), "--" + name + " cannot be negative");
        }
        if (!d.get().isZero() && d.get().compareTo(MINIMUM) < 0) {
            throw error(range(flags, name, node), "--" + name + " cannot be less than 1ms");
        }
        return d;
    }

    private static SourceRange range(FlagSet flags, String name, Node node) {
        return flags.flag(name).map(Flag::range).orElse(node.range());
    }

    private DockerfileParseException error(SourceRange range, String message) {
        return new DockerfileParseException(fileName, range, message);
    }
}
