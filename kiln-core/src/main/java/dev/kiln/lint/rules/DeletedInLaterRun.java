package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.AddInstruction;
import dev.kiln.dockerfile.ast.CopyInstruction;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.dockerfile.ast.WorkdirInstruction;
import dev.kiln.dockerfile.shell.Redirect;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * KL003: a file or directory created by one instruction (COPY/ADD, a download with {@code wget -O} or
 * {@code curl -o}, {@code git clone}, a redirection, or a package manager's cache) and deleted by a
 * later RUN. The delete only hides it: the bytes stay in the earlier layer. Only the stages of the
 * final image are checked, and only literal absolute paths.
 */
public final class DeletedInLaterRun extends BaseRule {

    /** Something written, where, and by which instruction. */
    private record Created(String path, Instruction by, String how) {
    }

    public DeletedInLaterRun() {
        super("KL003", Level.WARNING, "Files created in one layer and deleted in a later RUN",
                "Create and delete temporary files in the same RUN (or use a build stage / RUN --mount); a later rm only hides bytes that still ship.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        List<Stage> chain = new ArrayList<>(context.ancestry(context.finalStage()));
        java.util.Collections.reverse(chain);
        List<Created> created = new ArrayList<>();
        for (Stage stage : chain) {
            String workdir = "/";
            for (Instruction i : stage.instructions()) {
                if (i instanceof WorkdirInstruction w && w.path().value().startsWith("/")) {
                    workdir = w.path().value();
                } else if (i instanceof CopyInstruction c && c.options().from().isEmpty()) {
                    copied(c.sources(), c.destination(), workdir, i, created);
                } else if (i instanceof AddInstruction a) {
                    copied(a.sources(), a.destination(), workdir, i, created);
                } else if (i instanceof RunInstruction run) {
                    Optional<ShellScript> script = context.script(run);
                    if (script.isEmpty()) {
                        continue;
                    }
                    deleted(script.get(), run, created, sink);
                    written(run, script.get(), created);
                }
            }
        }
    }

    private static void copied(List<Word> sources, Word dest, String workdir, Instruction by, List<Created> out) {
        if (dest.hasVariable()) {
            return;
        }
        String d = dest.value().startsWith("/") ? dest.value() : join(workdir, dest.value());
        boolean intoDir = d.endsWith("/") || sources.size() > 1;
        for (Word s : sources) {
            if (s.hasVariable() || s.value().startsWith("<<")) {
                continue;
            }
            String path = intoDir ? join(d, Archives.basename(s.value())) : d;
            out.add(new Created(Cleanups.normalize(path), by, by.keyword().name()));
        }
    }

    private static void deleted(ShellScript script, RunInstruction run, List<Created> created, FindingSink sink) {
        for (SimpleCommand c : script.commands()) {
            SimpleCommand u = c.unwrapped();
            if (!u.name().equals("rm")) {
                continue;
            }
            for (ShellWord w : u.arguments()) {
                if (w.isOption() || w.dynamic() || !w.value().startsWith("/")) {
                    continue;
                }
                String removed = Cleanups.normalize(w.value());
                for (Created k : created) {
                    if (k.by() != run && Cleanups.covers(removed, k.path())) {
                        sink.report(w.range(), k.path() + " was written by the " + k.how() + " on line "
                                + k.by().range().startLine() + " and is deleted here, in a later layer: the bytes still"
                                + " ship; delete it in the same RUN that creates it (or use a build stage or"
                                + " RUN --mount)");
                        break;
                    }
                }
            }
        }
    }

    private static void written(RunInstruction run, ShellScript script, List<Created> out) {
        for (SimpleCommand c : script.commands()) {
            SimpleCommand u = c.unwrapped();
            Optional<String> target = Optional.empty();
            String how = u.name();
            if (u.name().equals("wget")) {
                target = u.flagValue("-O").or(() -> u.flagValue("--output-document"));
            } else if (u.name().equals("curl")) {
                target = u.flagValue("-o").or(() -> u.flagValue("--output"));
            } else if (u.name().equals("git") && !u.arguments().isEmpty() && u.arguments().get(0).value().equals("clone")) {
                List<ShellWord> pos = u.arguments().stream().filter(w -> !w.isOption()).toList();
                if (pos.size() >= 3) {
                    target = Optional.of(pos.get(2).value());
                }
            }
            for (Redirect r : u.redirects()) {
                if ((r.operator().endsWith(">") || r.operator().endsWith(">>")) && r.target().isPresent()
                        && !r.target().get().dynamic() && r.target().get().value().startsWith("/")
                        && !r.target().get().value().startsWith("/dev/") && !r.target().get().value().startsWith("/proc/")) {
                    add(out, r.target().get().value(), run, "redirection");
                }
            }
            target.filter(t -> t.startsWith("/") && !t.contains("$")).ifPresent(t -> add(out, t, run, how));
        }
        caches(run, script, out);
    }

    /** Package-manager caches a RUN leaves behind (when it does not clean them itself). */
    private static void caches(RunInstruction run, ShellScript script, List<Created> out) {
        boolean aptUpdate = false;
        boolean apk = false;
        boolean pip = false;
        for (SimpleCommand c : script.commands()) {
            SimpleCommand u = c.unwrapped();
            aptUpdate |= PackageCommands.apt(u, true).map(a -> a.subcommandName().equals("update")).orElse(false);
            apk |= PackageCommands.apkAdd(u).map(a -> !a.has("--no-cache")).orElse(false);
            pip |= PackageCommands.pipInstall(u).map(a -> !a.has("--no-cache-dir")).orElse(false);
        }
        if (aptUpdate && !Cleanups.cleaned(run, script, AptListsCleanup.LISTS)) {
            add(out, AptListsCleanup.LISTS, run, "apt-get update");
        }
        if (apk && !Cleanups.cleaned(run, script, "/var/cache/apk")) {
            add(out, "/var/cache/apk", run, "apk add");
        }
        if (pip && !Cleanups.cleaned(run, script, PipNoCacheDir.CACHE)) {
            add(out, PipNoCacheDir.CACHE, run, "pip install");
        }
    }

    private static void add(List<Created> out, String path, RunInstruction run, String how) {
        out.add(new Created(Cleanups.normalize(path), run, "RUN (" + how + ")"));
    }

    private static String join(String dir, String name) {
        return (dir.endsWith("/") ? dir : dir + "/") + (name.startsWith("./") ? name.substring(2) : name);
    }
}
