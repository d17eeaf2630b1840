package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.RunMount;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.dockerfile.shell.SimpleCommand;
import java.util.Optional;

/**
 * Whether a RUN cleans up after a package manager: only the cleanup that matches counts
 * ({@code rm -rf /var/lib/apt/lists/*} for apt, not any {@code rm -rf}), and a cache or tmpfs mount
 * on the directory counts too (its content never reaches the layer).
 */
final class Cleanups {

    private Cleanups() {
    }

    /** True if some {@code rm} in the script deletes {@code dir} or a directory above it (globs like {@code dir/*} count). */
    static boolean removes(ShellScript script, String dir) {
        for (SimpleCommand c : script.commands()) {
            SimpleCommand u = c.unwrapped();
            if (!u.name().equals("rm")) {
                continue;
            }
            for (ShellWord w : u.arguments()) {
                if (w.isOption() || w.value().isEmpty()) {
                    continue;
                }
                String p = normalize(w.value());
                if (covers(p, dir)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code /var/lib/apt/lists/*} → {@code /var/lib/apt/lists}; {@code ~} and {@code $HOME} → {@code /root}. */
    static String normalize(String path) {
        String p = path;
        if (p.startsWith("~/") || p.equals("~")) {
            p = "/root" + p.substring(1);
        } else if (p.startsWith("$HOME") || p.startsWith("${HOME}")) {
            p = "/root" + p.substring(p.startsWith("$HOME") ? 5 : 7);
        }
        while (p.endsWith("/*") || p.endsWith("/.*") || p.endsWith("/**") || p.endsWith("/.")
                || (p.endsWith("/") && p.length() > 1)) {
            p = p.substring(0, p.lastIndexOf('/'));
        }
        if (p.endsWith("*") && !p.endsWith("/*")) { // "/var/cache/zypp*" covers /var/cache/zypp
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? "/" : p;
    }

    /** True if deleting {@code removed} deletes {@code dir}. */
    static boolean covers(String removed, String dir) {
        if (removed.equals(dir)) {
            return true;
        }
        String parent = removed.endsWith("/") ? removed : removed + "/";
        return dir.startsWith(parent) && !removed.equals("/");
    }

    /** True if the script runs {@code name} with these leading positional words ({@code yum clean all}). */
    static boolean runs(ShellScript script, String name, String... leading) {
        for (SimpleCommand c : script.commands()) {
            SimpleCommand u = c.unwrapped();
            if (!u.name().equals(name)) {
                continue;
            }
            java.util.List<ShellWord> positional = u.arguments().stream().filter(w -> !w.isOption()).toList();
            boolean all = positional.size() >= leading.length;
            for (int i = 0; all && i < leading.length; i++) {
                all = positional.get(i).value().equals(leading[i]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** True if a cache or tmpfs mount of the RUN covers {@code dir}. */
    static boolean mounted(RunInstruction run, String dir) {
        for (RunMount m : run.mounts()) {
            if (m instanceof RunMount.Cache || m instanceof RunMount.Tmpfs) {
                Optional<String> target = m.target();
                if (target.isPresent() && covers(normalize(target.get()), dir)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Cleaned up by {@code rm} of the directory, or kept out of the layer by a mount on it. */
    static boolean cleaned(RunInstruction run, ShellScript script, String dir) {
        return mounted(run, dir) || removes(script, dir);
    }
}
