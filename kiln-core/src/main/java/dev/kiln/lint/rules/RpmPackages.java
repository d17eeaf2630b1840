package dev.kiln.lint.rules;

import dev.kiln.dockerfile.shell.ShellWord;
import java.util.List;

/** Version pins of yum/dnf/zypper package arguments. */
final class RpmPackages {

    private RpmPackages() {
    }

    /**
     * True if a yum/dnf package argument names a version: {@code name-1.2.3} (the last {@code -}
     * part starts with a digit; {@code python3-devel} and {@code java-17-openjdk} do not), an
     * {@code .rpm} file, a path or URL, a group ({@code @name}), or a module stream ({@code nodejs:18}).
     */
    static boolean yumPinned(String spec) {
        if (spec.endsWith(".rpm") || spec.contains("/") || spec.startsWith("@") || spec.contains(":")
                || spec.contains("=") || spec.contains("*")) {
            return true;
        }
        int dash = spec.lastIndexOf('-');
        return dash > 0 && dash + 1 < spec.length() && Character.isDigit(spec.charAt(dash + 1));
    }

    /** True if a zypper package argument names a version ({@code name=1.2}, {@code name>=1.2}) or is an .rpm. */
    static boolean zypperPinned(String spec) {
        return spec.contains("=") || spec.contains("<") || spec.contains(">") || spec.endsWith(".rpm")
                || spec.contains("/");
    }

    static List<ShellWord> packages(Argv argv) {
        List<ShellWord> all = PackageCommands.literalPackages(argv);
        if (argv.subcommandName().equals("module") && !all.isEmpty() && all.get(0).value().equals("install")) {
            return all.subList(1, all.size());
        }
        return all;
    }
}
