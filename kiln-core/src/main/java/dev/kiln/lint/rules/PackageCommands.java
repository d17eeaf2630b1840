package dev.kiln.lint.rules;

import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.dockerfile.shell.SimpleCommand;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises package-manager commands and reads their arguments with each tool's value-taking
 * options, so that {@code apt-get -o Dpkg::Options::=--force-confold install x} has subcommand
 * {@code install} and package {@code x}. Words holding a variable ({@code $buildDeps},
 * {@code "${PKGS}"}) are never taken as package names: their content is unknown until the build runs.
 */
final class PackageCommands {

    private PackageCommands() {
    }

    static final Set<String> APT_VALUED = Set.of("-o", "-c", "-t", "--option", "--config-file", "--target-release",
            "--default-release");
    static final Set<String> APK_VALUED = Set.of("-X", "--repository", "-t", "--virtual", "-p", "--root", "--arch",
            "--repositories-file", "--cache-dir", "--keys-dir", "--cache-max-age");
    static final Set<String> RPM_VALUED = Set.of("-c", "--config", "--installroot", "--releasever", "-x", "--exclude",
            "--enablerepo", "--disablerepo", "--repo", "--repoid", "--repofrompath", "-d", "--debuglevel", "-e",
            "--errorlevel", "--downloaddir", "--destdir", "--setopt", "--forcearch");
    static final Set<String> ZYPPER_VALUED = Set.of("-R", "--root", "-c", "--config", "-t", "--type", "-r", "--repo",
            "--from", "-p", "--plus-repo", "--installroot", "--download");
    static final Set<String> PIP_VALUED = Set.of("-r", "--requirement", "-c", "--constraint", "-e", "--editable",
            "-t", "--target", "--platform", "--python-version", "--implementation", "--abi", "--root", "--prefix",
            "--src", "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--trusted-host", "--progress-bar",
            "--upgrade-strategy", "--proxy", "--cache-dir", "--log", "--timeout", "--retries", "--exists-action",
            "--cert", "--client-cert", "--global-option", "--config-settings", "-C", "--no-binary", "--only-binary",
            "--report", "--python");
    static final Set<String> NPM_VALUED = Set.of("--prefix", "--registry", "--cache", "-w", "--workspace", "--tag",
            "--userconfig", "--loglevel", "--omit", "--include");
    static final Set<String> GEM_VALUED = Set.of("-v", "--version", "-i", "--install-dir", "-n", "--bindir", "-s",
            "--source", "-P", "--trust-policy", "--platform", "-g", "--file");
    static final Set<String> GO_VALUED = Set.of("-C", "-ldflags", "-gcflags", "-asmflags", "-tags", "-mod",
            "-modfile", "-p", "-pkgdir", "-toolexec", "-buildmode", "-overlay", "-pgo", "-o", "-compiler",
            "-gccgoflags", "-installsuffix");
    static final Set<String> YARN_VALUED = Set.of("--cache-folder", "--modules-folder", "--network-timeout",
            "--registry", "--mutex", "--cwd");

    /** {@code apt-get ...} (and {@code apt ...} when {@code alsoApt}). */
    static Optional<Argv> apt(SimpleCommand c, boolean alsoApt) {
        String n = c.name();
        if (n.equals("apt-get") || (alsoApt && n.equals("apt"))) {
            return Optional.of(Argv.of(c, APT_VALUED));
        }
        return Optional.empty();
    }

    /** {@code apt-get install} (also {@code apt install}) that installs: a simulation ({@code -s}) installs nothing. */
    static Optional<Argv> aptInstall(SimpleCommand c) {
        return apt(c, true).filter(a -> a.subcommandName().equals("install")
                && !a.has("-s", "--simulate", "--just-print", "--dry-run", "--recon", "--no-act"));
    }

    static Optional<Argv> apk(SimpleCommand c) {
        return c.name().equals("apk") ? Optional.of(Argv.of(c, APK_VALUED)) : Optional.empty();
    }

    static Optional<Argv> apkAdd(SimpleCommand c) {
        return apk(c).filter(a -> a.subcommandName().equals("add"));
    }

    /** {@code yum}, {@code dnf}, {@code microdnf} (and {@code tdnf}) by name. */
    static Optional<Argv> rpm(SimpleCommand c, String... names) {
        for (String n : names) {
            if (c.name().equals(n)) {
                return Optional.of(Argv.of(c, RPM_VALUED));
            }
        }
        return Optional.empty();
    }

    /** An install by yum/dnf/microdnf: {@code install}, {@code in}, {@code groupinstall}, {@code localinstall}, {@code reinstall}, {@code module install}. */
    static boolean isRpmInstall(Argv a) {
        String sub = a.subcommandName();
        if (sub.equals("module")) {
            return a.operands().stream().findFirst().map(w -> w.value().equals("install")).orElse(false);
        }
        return Set.of("install", "in", "groupinstall", "localinstall", "reinstall").contains(sub);
    }

    static Optional<Argv> zypper(SimpleCommand c) {
        return c.name().equals("zypper") ? Optional.of(Argv.of(c, ZYPPER_VALUED)) : Optional.empty();
    }

    static Optional<Argv> zypperInstall(SimpleCommand c) {
        return zypper(c).filter(a -> a.subcommandName().equals("install") || a.subcommandName().equals("in"));
    }

    /**
     * {@code pip install ...}, {@code pip3 install}, {@code pip3.12 install}, {@code python3 -m pip install}:
     * the pip part of the command ({@code pip install ...}) with pip's option rules.
     */
    static Optional<Argv> pipInstall(SimpleCommand c) {
        return pip(c).filter(a -> a.subcommandName().equals("install"));
    }

    static Optional<Argv> pip(SimpleCommand c) {
        String n = c.name();
        if (Names.versioned(n, "pip")) {
            return Optional.of(Argv.of(c, PIP_VALUED));
        }
        if (Names.versioned(n, "python")) {
            List<ShellWord> w = c.words();
            for (int i = 1; i + 1 < w.size(); i++) {
                if (w.get(i).value().equals("-m") && Names.versioned(w.get(i + 1).value(), "pip")) {
                    SimpleCommand inner = new SimpleCommand(c.assignments(), w.subList(i + 1, w.size()), c.redirects(),
                            c.range());
                    return Optional.of(Argv.of(inner, PIP_VALUED));
                }
                if (!w.get(i).isOption()) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    static Optional<Argv> npm(SimpleCommand c) {
        return c.name().equals("npm") ? Optional.of(Argv.of(c, NPM_VALUED)) : Optional.empty();
    }

    static Optional<Argv> gem(SimpleCommand c) {
        return c.name().equals("gem") ? Optional.of(Argv.of(c, GEM_VALUED)) : Optional.empty();
    }

    static Optional<Argv> go(SimpleCommand c) {
        return c.name().equals("go") ? Optional.of(Argv.of(c, GO_VALUED)) : Optional.empty();
    }

    static Optional<Argv> yarn(SimpleCommand c) {
        return c.name().equals("yarn") ? Optional.of(Argv.of(c, YARN_VALUED)) : Optional.empty();
    }

    /** True if a word can be read as a literal package name: not a variable, not a substitution. */
    static boolean isLiteral(ShellWord w) {
        return !w.dynamic() && !w.value().isEmpty();
    }

    /** The literal operands of an install (variables skipped). */
    static List<ShellWord> literalPackages(Argv argv) {
        return argv.operands().stream().filter(PackageCommands::isLiteral).toList();
    }

    /** Joins package words for a message ({@code curl, git}), at most five then "and N more". */
    static String list(List<ShellWord> words) {
        StringBuilder b = new StringBuilder();
        int shown = Math.min(5, words.size());
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(words.get(i).value());
        }
        if (words.size() > shown) {
            b.append(" and ").append(words.size() - shown).append(" more");
        }
        return b.toString();
    }
}
