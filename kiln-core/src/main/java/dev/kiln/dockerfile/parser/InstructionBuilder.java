package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.ast.AddInstruction;
import dev.kiln.dockerfile.ast.ArgDeclaration;
import dev.kiln.dockerfile.ast.ArgInstruction;
import dev.kiln.dockerfile.ast.CmdInstruction;
import dev.kiln.dockerfile.ast.Command;
import dev.kiln.dockerfile.ast.CopyInstruction;
import dev.kiln.dockerfile.ast.EntrypointInstruction;
import dev.kiln.dockerfile.ast.EnvInstruction;
import dev.kiln.dockerfile.ast.ExposeInstruction;
import dev.kiln.dockerfile.ast.FileOptions;
import dev.kiln.dockerfile.ast.Flag;
import dev.kiln.dockerfile.ast.FromInstruction;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.KeyValue;
import dev.kiln.dockerfile.ast.Keyword;
import dev.kiln.dockerfile.ast.LabelInstruction;
import dev.kiln.dockerfile.ast.LineIndex;
import dev.kiln.dockerfile.ast.MaintainerInstruction;
import dev.kiln.dockerfile.ast.Node;
import dev.kiln.dockerfile.ast.OnbuildInstruction;
import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.RunMount;
import dev.kiln.dockerfile.ast.ShellInstruction;
import dev.kiln.dockerfile.ast.SourceRange;
import dev.kiln.dockerfile.ast.StopsignalInstruction;
import dev.kiln.dockerfile.ast.UserInstruction;
import dev.kiln.dockerfile.ast.VolumeInstruction;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.dockerfile.ast.Words;
import dev.kiln.dockerfile.ast.WorkdirInstruction;
import dev.kiln.dockerfile.parser.FlagSet.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a {@link Node} into its typed {@link Instruction}, applying the checks BuildKit's instruction
 * parser makes: argument counts, accepted flags, exec-form requirements, stage names.
 */
final class InstructionBuilder {

    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");

    private final String fileName;
    private final char escape;
    private final LineIndex lines;

    InstructionBuilder(String fileName, char escape, LineIndex lines) {
        this.fileName = fileName;
        this.escape = escape;
        this.lines = lines;
    }

    Instruction build(Node node) throws DockerfileParseException {
        Optional<Keyword> keyword = Keyword.of(node.keyword());
        if (keyword.isEmpty()) {
            throw error(node.keywordRange(), "unknown instruction: " + node.keyword());
        }
        List<Word> args = node.args();
        String name = node.command();
        switch (keyword.get()) {
            case FROM: {
                FlagSet flags = flags(node).accept(Type.STRING, "platform").check();
                if (args.size() != 1 && args.size() != 3) {
                    throw error(node.range(), "FROM requires either one or three arguments");
                }
                Optional<Word> stage = Optional.empty();
                if (args.size() == 3) {
                    if (!args.get(1).raw().equalsIgnoreCase("as")) {
                        throw error(args.get(1).range(),
                                "FROM expects \"AS\" before the stage name, found \"" + args.get(1).raw() + "\"");
                    }
                    Word stageName = args.get(2);
                    if (!STAGE_NAME.matcher(stageName.raw().toLowerCase(Locale.ROOT)).matches()) {
                        throw error(stageName.range(), "invalid name for build stage: \"" + stageName.raw()
                                + "\", name can't start with a number or contain symbols");
                    }
                    stage = Optional.of(stageName);
                }
                return new FromInstruction(node, args.get(0), stage, flags.string("platform"));
            }
            case RUN: {
                FlagSet flags = flags(node).accept(Type.LIST, "mount").accept(Type.STRING, "network", "security")
                        .check();
                List<RunMount> mounts = new ArrayList<>();
                MountParser parser = new MountParser(fileName);
                for (Flag mount : flags.list("mount")) {
                    mounts.add(parser.parse(mount));
                }
                Optional<String> network = flags.string("network");
                check(node, network, "network", "default", "none", "host");
                Optional<String> security = flags.string("security");
                check(node, security, "security", "sandbox", "insecure");
                if (args.isEmpty()) {
                    throw error(node.range(), "RUN requires at least one argument");
                }
                return new RunInstruction(node, command(node), mounts, network, security);
            }
            case CMD:
                noFlags(node);
                return new CmdInstruction(node, command(node));
            case ENTRYPOINT:
                noFlags(node);
                return new EntrypointInstruction(node, command(node));
            case SHELL:
                noFlags(node);
                if (args.isEmpty()) {
                    throw error(node.range(), "SHELL requires at least one argument");
                }
                if (!node.json()) {
                    throw error(argsRange(node), "SHELL requires the arguments to be in JSON form");
                }
                return new ShellInstruction(node, args);
            case ENV: case LABEL: {
                noFlags(node);
                if (args.isEmpty()) {
                    throw error(node.range(), name + " requires at least one argument");
                }
                List<KeyValue> pairs = new ArrayList<>();
                for (int i = 0; i + 1 < args.size(); i += 3) {
                    Word key = args.get(i);
                    if (key.value().isEmpty()) {
                        throw error(key.range().union(args.get(i + 1).range()),
                                name + " names can not be blank");
                    }
                    pairs.add(new KeyValue(key, args.get(i + 1)));
                }
                boolean legacy = args.size() == 3 && args.get(2).raw().isEmpty();
                return keyword.get() == Keyword.ENV ? new EnvInstruction(node, pairs, legacy)
                        : new LabelInstruction(node, pairs, legacy);
            }
            case MAINTAINER:
                noFlags(node);
                return new MaintainerInstruction(node, exactlyOne(node));
            case EXPOSE:
                noFlags(node);
                atLeastOne(node);
                return new ExposeInstruction(node, args);
            case ADD: case COPY:
                return fileTransfer(node, keyword.get());
            case VOLUME:
                noFlags(node);
                atLeastOne(node);
                for (Word w : args) {
                    if (w.value().isEmpty()) {
                        throw error(w.range(), "VOLUME specified can not be an empty string");
                    }
                }
                return new VolumeInstruction(node, args);
            case USER:
                noFlags(node);
                return new UserInstruction(node, exactlyOne(node));
            case WORKDIR:
                noFlags(node);
                return new WorkdirInstruction(node, exactlyOne(node));
            case STOPSIGNAL:
                noFlags(node);
                return new StopsignalInstruction(node, exactlyOne(node));
            case ARG: {
                noFlags(node);
                atLeastOne(node);
                List<ArgDeclaration> declarations = new ArrayList<>();
                for (Word w : args) {
                    int eq = w.raw().indexOf('=');
                    String argName = eq < 0 ? w.value() : Words.unquote(w.raw().substring(0, eq), escape);
                    if (argName.isEmpty()) {
                        throw error(w.range(), "ARG names can not be blank");
                    }
                    Optional<Word> value = Optional.empty();
                    if (eq >= 0) {
                        String raw = w.raw().substring(eq + 1);
                        SourceRange r = w.range().length() == w.raw().length()
                                ? lines.range(w.range().startOffset() + eq + 1, w.range().endOffset())
                                : w.range();
                        value = Optional.of(new Word(raw, Words.unquote(raw, escape), r));
                    }
                    declarations.add(new ArgDeclaration(w, argName, value));
                }
                return new ArgInstruction(node, declarations);
            }
            case ONBUILD: {
                noFlags(node);
                if (node.child().isEmpty()) {
                    throw error(node.range(), "ONBUILD requires at least one argument");
                }
                Node child = node.child().get();
                String trigger = child.command();
                if (trigger.equals("ONBUILD")) {
                    throw error(child.keywordRange(), "ONBUILD ONBUILD isn't allowed");
                }
                if (trigger.equals("FROM") || trigger.equals("MAINTAINER")) {
                    throw error(child.keywordRange(), trigger + " isn't allowed as an ONBUILD trigger");
                }
                return new OnbuildInstruction(node, build(child));
            }
            case HEALTHCHECK:
            default:
                return new HealthcheckParser(fileName, this).build(node, flags(node));
        }
    }

    private Instruction fileTransfer(Node node, Keyword keyword) throws DockerfileParseException {
        FlagSet flags = flags(node).accept(Type.STRING, "chown", "chmod").accept(Type.BOOL, "link", "parents")
                .accept(Type.LIST, "exclude");
        if (keyword == Keyword.COPY) {
            flags.accept(Type.STRING, "from");
        } else {
            flags.accept(Type.STRING, "checksum").accept(Type.BOOL, "keep-git-dir", "unpack");
        }
        flags.check();
        List<Word> args = node.args();
        if (args.size() < 2) {
            throw error(node.range(), node.command() + " requires at least two arguments");
        }
        FileOptions options = new FileOptions(flags.string("from"), flags.string("chown"), flags.string("chmod"),
                flags.bool("link"), flags.bool("parents"),
                flags.list("exclude").stream().map(f -> f.value().orElse("")).toList(), flags.string("checksum"),
                flags.bool("keep-git-dir"), flags.optionalBool("unpack"));
        List<Word> sources = args.subList(0, args.size() - 1);
        Word destination = args.get(args.size() - 1);
        return keyword == Keyword.COPY ? new CopyInstruction(node, sources, destination, options)
                : new AddInstruction(node, sources, destination, options);
    }

    Command command(Node node) {
        if (node.json() || node.args().isEmpty()) {
            return new Command.Exec(node.args());
        }
        return new Command.Shell(node.args().get(0));
    }

    private void check(Node node, Optional<String> value, String flag, String... allowed)
            throws DockerfileParseException {
        if (value.isEmpty() || value.get().contains("$")) {
            return;
        }
        for (String a : allowed) {
            if (a.equals(value.get())) {
                return;
            }
        }
        throw error(node.flag(flag).map(Flag::range).orElse(node.range()),
                "unsupported " + flag + " mode \"" + value.get() + "\" (expected " + String.join(", ", allowed) + ")");
    }

    private FlagSet flags(Node node) {
        return new FlagSet(fileName, node);
    }

    private void noFlags(Node node) throws DockerfileParseException {
        flags(node).check();
    }

    private void atLeastOne(Node node) throws DockerfileParseException {
        if (node.args().isEmpty()) {
            throw error(node.range(), node.command() + " requires at least one argument");
        }
    }

    private Word exactlyOne(Node node) throws DockerfileParseException {
        if (node.args().size() != 1) {
            throw error(node.range(), node.command() + " requires exactly one argument");
        }
        return node.args().get(0);
    }

    private static SourceRange argsRange(Node node) {
        return node.rest().range().length() > 0 ? node.rest().range() : node.range();
    }

    private DockerfileParseException error(SourceRange range, String message) {
        return new DockerfileParseException(fileName, range, message);
    }
}
