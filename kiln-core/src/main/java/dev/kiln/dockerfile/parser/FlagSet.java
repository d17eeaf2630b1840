package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.ast.Flag;
import dev.kiln.dockerfile.ast.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an instruction's flags against the ones it accepts, as BuildKit's flag parser does: unknown
 * flags, missing values, bad booleans and repeats (other than list flags) are located errors.
 */
final class FlagSet {

    enum Type { STRING, BOOL, LIST }

    private final String fileName;
    private final Node node;
    private final Map<String, Type> accepted = new HashMap<>();
    private final Map<String, String> strings = new HashMap<>();
    private final Map<String, Boolean> bools = new HashMap<>();
    private final Map<String, List<Flag>> lists = new HashMap<>();

    FlagSet(String fileName, Node node) {
        this.fileName = fileName;
        this.node = node;
    }

    FlagSet accept(Type type, String... names) {
        for (String name : names) {
            accepted.put(name, type);
        }
        return this;
    }

    FlagSet check() throws DockerfileParseException {
        for (Flag flag : node.flags()) {
            Type type = accepted.get(flag.name());
            if (type == null) {
                throw new DockerfileParseException(fileName, flag.range(), "unknown flag: " + flag.name());
            }
            switch (type) {
                case STRING -> {
                    if (flag.value().isEmpty()) {
                        throw new DockerfileParseException(fileName, flag.range(),
                                "Missing a value on flag: " + flag.text());
                    }
                    if (strings.put(flag.name(), flag.value().get()) != null) {
                        throw duplicate(flag);
                    }
                }
                case BOOL -> {
                    boolean value = true;
                    if (flag.value().isPresent()) {
                        String v = flag.value().get().toLowerCase(Locale.ROOT);
                        if (!v.equals("true") && !v.equals("false")) {
                            throw new DockerfileParseException(fileName, flag.range(),
                                    "expecting boolean value for flag " + flag.name() + ", not: " + flag.value().get());
                        }
                        value = v.equals("true");
                    }
                    if (bools.put(flag.name(), value) != null) {
                        throw duplicate(flag);
                    }
                }
                default -> {
                    if (flag.value().isEmpty()) {
                        throw new DockerfileParseException(fileName, flag.range(),
                                "Missing a value on flag: " + flag.text());
                    }
                    lists.computeIfAbsent(flag.name(), k -> new ArrayList<>()).add(flag);
                }
            }
        }
        return this;
    }

    private DockerfileParseException duplicate(Flag flag) {
        return new DockerfileParseException(fileName, flag.range(), "Duplicate flag specified: " + flag.name());
    }

    Optional<String> string(String name) {
        return Optional.ofNullable(strings.get(name));
    }

    boolean bool(String name) {
        return bools.getOrDefault(name, false);
    }

    Optional<Boolean> optionalBool(String name) {
        return Optional.ofNullable(bools.get(name));
    }

    List<Flag> list(String name) {
        return lists.getOrDefault(name, List.of());
    }

    Optional<Flag> flag(String name) {
        return node.flag(name);
    }
}
