package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;

/**
 * DL3047: wget's default progress bar writes a line per step when there is no terminal, bloating
 * build logs. {@code --progress}, {@code -q}, {@code -nv} and output-to-log options count, also in
 * combined short options such as {@code -qO-}. BusyBox's wget (Alpine without the wget package) has
 * no --progress and is not flagged. The fix adds {@code --progress=dot:giga}.
 */
public final class WgetProgress extends CommandRule {

    /** wget short options that take a value: in "-qO-" everything after O is O's value. */
    private static final String VALUED_SHORT = "OoaPeTtwQUDAIXlBi";

    public WgetProgress() {
        super("DL3047", Level.INFO, "wget without flag --progress will result in excessively bloated build logs",
                "Give wget --progress=dot:giga (or -q/-nv); its default progress output floods build logs.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        if (!command.name().equals("wget") || quiet(command) || busyboxWget(context, run)) {
            return;
        }
        sink.report(command.range(), "wget without --progress (or -q/-nv) prints thousands of progress lines into the"
                + " build log; add --progress=dot:giga",
                RunEdits.flagFix("add --progress=dot:giga", command.words().get(0), "--progress=dot:giga"));
    }

    /**
     * True on Alpine (or busybox) without GNU wget installed: there wget is BusyBox's, which has no
     * --progress option (adding it would break the build) and no dot-per-kilobyte output to bloat logs.
     */
    static boolean busyboxWget(LintContext context, RunInstruction run) {
        java.util.Optional<dev.kiln.dockerfile.ast.Stage> stage = context.containingStage(run);
        if (stage.isEmpty()) {
            return false;
        }
        boolean alpine = context.rootImage(stage.get()).map(i -> i.name().equals("alpine") || i.name().equals("busybox")
                || i.tagOrLatest().contains("alpine")).orElse(false);
        boolean gnuWget = false;
        for (dev.kiln.dockerfile.ast.Stage s : context.ancestry(stage.get())) {
            for (RunInstruction r : context.runs(s, false)) {
                java.util.Optional<ShellScript> sc = context.script(r);
                if (sc.isEmpty()) {
                    continue;
                }
                for (SimpleCommand c : sc.get().commands()) {
                    SimpleCommand u = c.unwrapped();
                    if (u.name().equals("apk")) {
                        alpine = true;
                        java.util.Optional<Argv> add = PackageCommands.apkAdd(u);
                        if (add.isPresent() && add.get().operands().stream().anyMatch(w -> w.value().equals("wget")
                                || w.value().startsWith("wget="))) {
                            gnuWget = true;
                        }
                    }
                }
            }
        }
        return alpine && !gnuWget;
    }

    static boolean quiet(SimpleCommand c) {
        for (ShellWord w : c.arguments()) {
            String a = w.value();
            if (a.startsWith("--progress") || a.equals("--quiet") || a.equals("--no-verbose") || a.equals("-nv")
                    || a.startsWith("--output-file") || a.startsWith("--append-output")) {
                return true;
            }
            if (a.length() > 1 && a.charAt(0) == '-' && a.charAt(1) != '-') {
                for (int i = 1; i < a.length(); i++) {
                    char ch = a.charAt(i);
                    if (ch == 'q' || ch == 'o' || ch == 'a') {
                        return true; // quiet, or messages to a log file
                    }
                    if (VALUED_SHORT.indexOf(ch) >= 0) {
                        break;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
