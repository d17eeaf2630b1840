package dev.kiln.lint.rules;

import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * KL004: compilers, {@code -dev}/{@code -devel} headers, make and similar build-only packages (version
 * control tools such as git are left out: tool images often need them at run time)
 * installed in the final image and not removed in the same RUN. Removal counts when it names the
 * package, deletes an {@code apk add --virtual} group, or follows the {@code apt-mark auto '.*'} +
 * {@code apt-get purge --auto-remove} pattern of the official images. Packages hidden in variables
 * are not judged. Images that do not say what they run (no CMD or ENTRYPOINT: base images), and
 * images built on a compiler/SDK image (already a toolchain; see KL007), ship tools on purpose and
 * are not flagged.
 */
public final class BuildPackagesLeft extends BaseRule {

    private static final Set<String> BUILD_ONLY = Set.of("gcc", "g++", "gcc-c++", "cpp", "make", "cmake", "ninja-build",
            "build-essential", "build-base", "autoconf", "automake", "libtool", "pkg-config", "pkgconf", "pkgconfig",
            "clang", "llvm", "bison", "flex", "nasm", "yasm", "golang", "rustc", "cargo", "maven", "gradle",
            "dpkg-dev", "m4", "gfortran", "musl-dev", "libc-dev", "libc6-dev", "linux-headers",
            "kernel-headers", "meson", "scons");

    public BuildPackagesLeft() {
        super("KL004", Level.WARNING, "Build-only packages left in the final image",
                "Compile in a build stage and COPY the result, or remove compilers and -dev packages in the RUN that installs them.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        if (!runsAProgram(context) || context.rootImage(context.finalStage()).map(i -> SdkFinalImage.sdk(i) != null)
                .orElse(false)) {
            return; // a toolchain or base image (buildpack-deps, a builder) ships its tools on purpose
        }
        for (FinalImageRuns.Run r : FinalImageRuns.of(context)) {
            Removals removals = removals(r);
            if (removals.everything) {
                continue;
            }
            for (SimpleCommand c : r.script().commands()) {
                SimpleCommand u = c.unwrapped();
                Optional<Argv> install = install(u);
                if (install.isEmpty()) {
                    continue;
                }
                String virtual = u.flagValue("--virtual").or(() -> u.flagValue("-t")).orElse(null);
                if (virtual != null && removals.names.contains(virtual)) {
                    continue;
                }
                List<ShellWord> left = new ArrayList<>();
                for (ShellWord w : PackageCommands.literalPackages(install.get())) {
                    String name = packageName(w.value());
                    if (isBuildOnly(name) && !removals.names.contains(name)) {
                        left.add(w);
                    }
                }
                if (!left.isEmpty()) {
                    sink.report(left.get(0).range(), PackageCommands.list(left) + (left.size() == 1 ? " stays" : " stay")
                            + " in the final image (build"
                            + " tools and headers: often 100+ MB, and a compiler for an attacker); build in a separate"
                            + " stage and COPY the result, or remove them at the end of this RUN");
                }
            }
        }
    }

    /** The final image says what it runs (CMD or ENTRYPOINT in its stages): an application image. */
    static boolean runsAProgram(LintContext context) {
        for (dev.kiln.dockerfile.ast.Stage s : context.ancestry(context.finalStage())) {
            if (!s.instructions(dev.kiln.dockerfile.ast.CmdInstruction.class).isEmpty()
                    || !s.instructions(dev.kiln.dockerfile.ast.EntrypointInstruction.class).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    static boolean isBuildOnly(String name) {
        return BUILD_ONLY.contains(name) || name.endsWith("-dev") || name.endsWith("-devel")
                || name.endsWith("-headers") || numbered(name, "gcc-") || numbered(name, "g++-")
                || numbered(name, "clang-") || numbered(name, "golang-")
                || name.startsWith("golang-") && name.endsWith("-go") && numbered(name.substring(0, name.length() - 3), "golang-");
    }

    private static boolean numbered(String name, String prefix) {
        return name.length() > prefix.length() && Names.versioned(name, prefix);
    }

    /** {@code gcc=4:12.2.0-3} → {@code gcc}; {@code libssl-dev:amd64} → {@code libssl-dev}. */
    static String packageName(String spec) {
        String n = spec;
        for (String sep : new String[] {"=", ">", "<", "~"}) {
            int i = n.indexOf(sep);
            if (i > 0) {
                n = n.substring(0, i);
            }
        }
        int colon = n.indexOf(':');
        return colon > 0 ? n.substring(0, colon) : n;
    }

    private static Optional<Argv> install(SimpleCommand u) {
        Optional<Argv> a = PackageCommands.aptInstall(u);
        if (a.isPresent()) {
            return a;
        }
        a = PackageCommands.apkAdd(u);
        if (a.isPresent()) {
            return a;
        }
        a = PackageCommands.rpm(u, "yum", "dnf", "microdnf").filter(PackageCommands::isRpmInstall);
        if (a.isPresent()) {
            return a;
        }
        return PackageCommands.zypperInstall(u);
    }

    private static final class Removals {
        final Set<String> names = new HashSet<>();
        boolean everything;
    }

    private static Removals removals(FinalImageRuns.Run r) {
        Removals out = new Removals();
        boolean markAuto = false;
        boolean autoRemove = false;
        for (SimpleCommand c : r.script().commands()) {
            SimpleCommand u = c.unwrapped();
            String n = u.name();
            List<ShellWord> operands = List.of();
            if (n.equals("apt-get") || n.equals("apt")) {
                Argv a = Argv.of(u, PackageCommands.APT_VALUED);
                String sub = a.subcommandName();
                if (sub.equals("purge") || sub.equals("remove") || sub.equals("autoremove")) {
                    operands = a.operands();
                    autoRemove |= a.has("--auto-remove", "--autoremove") || sub.equals("autoremove");
                }
            } else if (n.equals("apt-mark")) {
                markAuto |= u.arguments().stream().anyMatch(w -> w.value().equals("auto"));
            } else if (n.equals("apk")) {
                Argv a = Argv.of(u, PackageCommands.APK_VALUED);
                if (a.subcommandName().equals("del")) {
                    operands = a.operands();
                }
            } else if (n.equals("yum") || n.equals("dnf") || n.equals("microdnf") || n.equals("zypper")) {
                Argv a = Argv.of(u, n.equals("zypper") ? PackageCommands.ZYPPER_VALUED : PackageCommands.RPM_VALUED);
                String sub = a.subcommandName();
                if (sub.equals("remove") || sub.equals("erase") || sub.equals("rm") || sub.equals("autoremove")) {
                    operands = a.operands();
                }
                if (sub.equals("history") && a.operands().stream().anyMatch(w -> w.value().equals("undo"))) {
                    out.everything = true;
                }
            }
            for (ShellWord w : operands) {
                out.names.add(packageName(w.value()));
            }
        }
        out.everything |= markAuto && autoRemove;
        return out;
    }
}
