package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.ast.Flag;
import dev.kiln.dockerfile.ast.RunMount;
import dev.kiln.dockerfile.ast.SourceRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code RUN --mount=type=cache,target=/root/.cache,sharing=locked}: comma-separated options
 * (double quotes group, as in CSV), {@code key=value} or a bare boolean key, checked per the
 * Dockerfile reference.
 */
final class MountParser {

    private final String fileName;

    MountParser(String fileName) {
        this.fileName = fileName;
    }

    RunMount parse(Flag flag) throws DockerfileParseException {
        String spec = flag.value().orElse("");
        SourceRange range = flag.range();
        Map<String, String> options = new HashMap<>();
        for (String field : csv(spec)) {
            if (field.isBlank()) {
                continue;
            }
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : field.substring(eq + 1).trim();
            key = canonical(key, field, range);
            if (value == null && !isBoolean(key)) {
                throw error(range, "invalid field '" + field + "' must be a key=value pair");
            }
            if (value != null && isBoolean(key) && !value.contains("$")) {
                String v = value.toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw error(range, "invalid value for " + key + ": " + value);
                }
            }
            options.put(key, value == null ? "true" : value);
        }
        String type = options.getOrDefault("type", "bind").toLowerCase(Locale.ROOT);
        Optional<String> target = Optional.ofNullable(options.get("target"));
        switch (type) {
            case "bind":
                // a bind without target is accepted (BuildKit mounts it at the root of the source)
                return new RunMount.Bind(target, opt(options, "source"), opt(options, "from"),
                        bool(options, "rw") && !bool(options, "ro"), range);
            case "cache":
                requireTarget(type, target, range);
                return new RunMount.Cache(target, opt(options, "id"), bool(options, "ro"), sharing(options, range),
                        opt(options, "from"), opt(options, "source"), number(options, "mode", 8, range),
                        number(options, "uid", 10, range), number(options, "gid", 10, range), range);
            case "tmpfs":
                requireTarget(type, target, range);
                return new RunMount.Tmpfs(target, opt(options, "size"), range);
            case "secret":
                return new RunMount.Secret(opt(options, "id"), target, opt(options, "env"), bool(options, "required"),
                        number(options, "mode", 8, range), number(options, "uid", 10, range),
                        number(options, "gid", 10, range), range);
            case "ssh":
                return new RunMount.Ssh(opt(options, "id"), target, bool(options, "required"),
                        number(options, "mode", 8, range), number(options, "uid", 10, range),
                        number(options, "gid", 10, range), range);
            default:
                throw error(range, "unsupported mount type \"" + type + "\"");
        }
    }

    private String canonical(String key, String field, SourceRange range) throws DockerfileParseException {
        switch (key) {
            case "type": case "from": case "id": case "sharing": case "mode": case "uid": case "gid": case "size":
            case "required": case "env": case "target": case "source": case "ro": case "rw":
                return key;
            case "dst": case "destination":
                return "target";
            case "src":
                return "source";
            case "readonly":
                return "ro";
            case "readwrite":
                return "rw";
            default:
                throw error(range, "unexpected key '" + key + "' in '" + field + "'");
        }
    }

    private static boolean isBoolean(String key) {
        return key.equals("ro") || key.equals("rw") || key.equals("required");
    }

    private void requireTarget(String type, Optional<String> target, SourceRange range)
            throws DockerfileParseException {
        if (target.isEmpty() || target.get().isEmpty()) {
            throw error(range, "mount type=" + type + " requires a target");
        }
    }

    private RunMount.Sharing sharing(Map<String, String> options, SourceRange range) throws DockerfileParseException {
        String v = options.getOrDefault("sharing", "shared");
        switch (v.toLowerCase(Locale.ROOT)) {
            case "shared": return RunMount.Sharing.SHARED;
            case "private": return RunMount.Sharing.PRIVATE;
            case "locked": return RunMount.Sharing.LOCKED;
            default: throw error(range, "unsupported sharing value \"" + v + "\"");
        }
    }

    private Optional<String> number(Map<String, String> options, String key, int radix, SourceRange range)
            throws DockerfileParseException {
        String v = options.get(key);
        if (v != null && !v.contains("$")) {
            try {
                Long.parseLong(v, radix);
            } catch (NumberFormatException e) {
                throw error(range, "invalid " + key + " \"" + v + "\"");
            }
        }
        return Optional.ofNullable(v);
    }

    private static Optional<String> opt(Map<String, String> options, String key) {
        return Optional.ofNullable(options.get(key));
    }

    private static boolean bool(Map<String, String> options, String key) {
        return "true".equalsIgnoreCase(options.get(key));
    }

    /** CSV fields: commas separate, double quotes group (a doubled quote is a literal quote). */
    static List<String> csv(String spec) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < spec.length() && spec.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
        }
        return fields;
    }

    private DockerfileParseException error(SourceRange range, String message) {
        return new DockerfileParseException(fileName, range, message);
    }
}
