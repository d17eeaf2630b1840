package dev.kiln.lint.rules;

import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.List;

/**
 * KL010: {@code chmod 777} (or any mode that lets others write, {@code a+w}, {@code o+w}) in the
 * final image. To let an arbitrary non-root UID write (OpenShift runs containers with a random UID
 * in group 0), {@code chgrp -R 0 dir && chmod -R g=u dir} is enough. Sticky modes on temp directories
 * ({@code 1777 /tmp}), paths under /tmp, paths the same RUN deletes again, and paths held in variables
 * ({@code chmod 777 "$tempDir"}, unknown) are left alone.
 */
public final class WorldWritable extends BaseRule {

    private static final java.util.regex.Pattern MODE_FLAG = java.util.regex.Pattern.compile("-[rwxXst]+");

    public WorldWritable() {
        super("KL010", Level.WARNING, "World-writable files or directories",
                "Instead of chmod 777, give group 0 the owner's rights (chgrp -R 0 DIR && chmod -R g=u DIR): arbitrary UIDs (OpenShift) can write, others cannot.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (FinalImageRuns.Run r : FinalImageRuns.of(context)) {
            for (SimpleCommand c : r.script().commands()) {
                SimpleCommand u = c.unwrapped();
                if (!u.name().equals("chmod")) {
                    continue;
                }
                List<ShellWord> operands = u.arguments().stream().filter(w -> !w.isOption() || MODE_FLAG.matcher(w.value()).matches())
                        .toList();
                if (operands.size() < 2 || operands.get(0).dynamic()) {
                    continue;
                }
                String mode = operands.get(0).value();
                if (!othersWrite(mode) || sticky(mode)) {
                    continue;
                }
                // targets that ship: literal paths not under /tmp and not deleted later in the same RUN
                List<ShellWord> kept = operands.subList(1, operands.size()).stream()
                        .filter(w -> !w.dynamic() && !w.value().startsWith("/tmp/") && !w.value().startsWith("/var/tmp/")
                                && !Cleanups.removes(r.script(), Cleanups.normalize(w.value())))
                        .toList();
                if (kept.isEmpty()) {
                    continue;
                }
                String dirs = String.join(" ", kept.stream().map(ShellWord::value).toList());
                sink.report(operands.get(0).range(), "chmod " + mode + " lets every user write " + dirs + "; for an"
                        + " arbitrary non-root UID (OpenShift) chgrp -R 0 " + dirs + " && chmod -R g=u " + dirs
                        + " is enough");
            }
        }
    }

    static boolean othersWrite(String mode) {
        if ((mode.length() == 3 || mode.length() == 4) && mode.chars().allMatch(c -> c >= '0' && c <= '7')) {
            int others = mode.charAt(mode.length() - 1) - '0';
            return (others & 2) != 0;
        }
        for (String clause : mode.split(",")) {
            int op = Math.max(clause.indexOf('+'), clause.indexOf('='));
            if (op < 0) {
                continue;
            }
            String who = clause.substring(0, op);
            String perms = clause.substring(op + 1);
            if ((who.contains("o") || who.contains("a")) && perms.contains("w")) {
                return true;
            }
        }
        return false;
    }

    static boolean sticky(String mode) {
        return mode.length() == 4 && mode.chars().allMatch(c -> c >= '0' && c <= '7') && ((mode.charAt(0) - '0') & 1) != 0 || mode.contains("+t");
    }
}
