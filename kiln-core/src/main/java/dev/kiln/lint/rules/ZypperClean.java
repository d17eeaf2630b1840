package dev.kiln.lint.rules;

import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;

/**
 * DL3036: zypper install without {@code zypper clean} afterwards in the same RUN (or removal of, or a
 * cache mount on, {@code /var/cache/zypp}). Only stages in the final image are checked. The fix
 * appends {@code zypper clean --all}.
 */
public final class ZypperClean extends BaseRule {

    public ZypperClean() {
        super("DL3036", Level.WARNING, "zypper clean missing after zypper use",
                "End the RUN with zypper clean --all; the repository metadata and packages otherwise stay in the layer.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (FinalImageRuns.Run r : FinalImageRuns.of(context)) {
            SimpleCommand install = null;
            boolean cleaned = false;
            for (SimpleCommand c : r.script().commands()) {
                SimpleCommand u = c.unwrapped();
                Optional<Argv> z = PackageCommands.zypper(u);
                if (z.isEmpty()) {
                    continue;
                }
                String sub = z.get().subcommandName();
                if ((sub.equals("install") || sub.equals("in")) && install == null) {
                    install = u;
                } else if ((sub.equals("clean") || sub.equals("cc")) && install != null) {
                    cleaned = true;
                }
            }
            if (install == null || cleaned || Cleanups.cleaned(r.run(), r.script(), "/var/cache/zypp")) {
                continue;
            }
            sink.report(install.range(), "zypper install without zypper clean afterwards leaves repository metadata and"
                    + " packages in the layer; end the RUN with zypper clean --all",
                    RunEdits.append(context, r.run(), r.script(), "zypper clean --all", "append zypper clean --all"));
        }
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
