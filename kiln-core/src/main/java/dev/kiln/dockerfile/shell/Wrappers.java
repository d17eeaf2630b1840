package dev.kiln.dockerfile.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Commands that run another command: their own options are skipped (with the option values listed
 * here), and for {@code env} the {@code NAME=value} words become assignments.
 */
final class Wrappers {

    /** Wrapper name → short options that take a separate value. */
    private static final Map<String, Set<String>> OPTIONS_WITH_VALUE = Map.ofEntries(
            Map.entry("sudo", Set.of("-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T")),
            Map.entry("env", Set.of("-u", "-C", "-S")),
            Map.entry("nice", Set.of("-n")),
            Map.entry("time", Set.of("-o", "-f")),
            Map.entry("nohup", Set.of()),
            Map.entry("exec", Set.of("-a")),
            Map.entry("command", Set.of()),
            Map.entry("xargs", Set.of("-I", "-n", "-P", "-s", "-L", "-d", "-E", "-a")),
            Map.entry("timeout", Set.of("-s", "-k")),
            Map.entry("stdbuf", Set.of("-i", "-o", "-e")),
            Map.entry("ionice", Set.of("-c", "-n", "-p")),
            Map.entry("eatmydata", Set.of()),
            Map.entry("gosu", Set.of()),
            Map.entry("su-exec", Set.of()),
            Map.entry("chronic", Set.of()));

    /** Wrappers with positional arguments before the command: {@code timeout 10 cmd}, {@code gosu user cmd}. */
    private static final Map<String, Integer> POSITIONALS = Map.of("timeout", 1, "gosu", 1, "su-exec", 1);

    private Wrappers() {
    }

    static SimpleCommand unwrap(SimpleCommand command) {
        SimpleCommand current = command;
        for (int guard = 0; guard < 8; guard++) {
            String name = current.name();
            Set<String> valued = OPTIONS_WITH_VALUE.get(name);
            if (valued == null || (name.equals("command") && current.hasAnyFlag("-v", "-V"))) {
                return current;
            }
            List<ShellWord> args = current.arguments();
            List<ShellWord> assignments = new ArrayList<>(current.assignments());
            int i = 0;
            int positionals = POSITIONALS.getOrDefault(name, 0);
            while (i < args.size()) {
                String a = args.get(i).value();
                if (a.equals("--")) {
                    i++;
                    break;
                }
                if (a.startsWith("-") && a.length() > 1) {
                    i += valued.contains(a) ? 2 : 1;
                } else if (name.equals("env") && a.indexOf('=') > 0) {
                    assignments.add(args.get(i));
                    i++;
                } else if (positionals > 0) {
                    positionals--;
                    i++;
                } else {
                    break;
                }
            }
            if (i >= args.size()) {
                return current;
            }
            current = new SimpleCommand(assignments, args.subList(i, args.size()), current.redirects(),
                    current.range());
        }
        return current;
    }
}
