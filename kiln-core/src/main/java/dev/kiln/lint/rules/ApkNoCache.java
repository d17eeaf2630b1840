package dev.kiln.lint.rules;

import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;

/**
 * DL3019: {@code apk add} without {@code --no-cache} keeps the package index in
 * {@code /var/cache/apk}. Removing that directory in the same RUN, or a cache mount on it, counts, and
 * {@code --no-network} fetches no index;
 * only stages in the final image are checked. The fix adds {@code --no-cache}.
 */
public final class ApkNoCache extends BaseRule {

    public ApkNoCache() {
        super("DL3019", Level.INFO, "Use the --no-cache switch",
                "Use apk add --no-cache: no index is stored, so there is no /var/cache/apk to delete.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (FinalImageRuns.Run r : FinalImageRuns.of(context)) {
            ShellScript script = r.script();
            if (Cleanups.cleaned(r.run(), script, "/var/cache/apk") || Cleanups.mounted(r.run(), "/etc/apk/cache")) {
                continue;
            }
            for (SimpleCommand c : script.commands()) {
                Optional<Argv> add = PackageCommands.apkAdd(c.unwrapped());
                if (add.isPresent() && !add.get().has("--no-cache", "--no-network")) {
                    sink.report(c.unwrapped().range(), "apk add without --no-cache leaves the package index (a few MB)"
                            + " in /var/cache/apk; add --no-cache",
                            RunEdits.flagFix("add --no-cache", add.get().subcommand().orElseThrow(), "--no-cache"));
                }
            }
        }
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
