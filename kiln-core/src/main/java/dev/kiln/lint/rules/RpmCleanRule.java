package dev.kiln.lint.rules;

import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;

/**
 * A yum/dnf install whose RUN does not clean the package cache ({@code yum clean all},
 * {@code rm -rf /var/cache/yum}, or a cache mount). Only stages in the final image are checked.
 * The fix appends the clean command to the RUN.
 */
abstract class RpmCleanRule extends BaseRule {

    private final String[] tools;
    private final String[] cacheDirs;

    RpmCleanRule(String code, String title, String[] tools, String... cacheDirs) {
        super(code, Level.WARNING, title, "End the RUN with " + tools[0] + " clean all; the metadata and package cache"
                + " otherwise stay in the layer (often 50-200 MB).");
        this.tools = tools;
        this.cacheDirs = cacheDirs;
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (FinalImageRuns.Run r : FinalImageRuns.of(context)) {
            SimpleCommand install = null;
            String tool = null;
            for (SimpleCommand c : r.script().commands()) {
                Optional<Argv> rpm = PackageCommands.rpm(c.unwrapped(), tools);
                if (rpm.isPresent() && PackageCommands.isRpmInstall(rpm.get())) {
                    install = c.unwrapped();
                    tool = install.name();
                    break;
                }
            }
            if (install == null || cleaned(r)) {
                continue;
            }
            String clean = tool + " clean all";
            sink.report(install.range(), tool + " install without " + clean + " in the same RUN leaves the metadata"
                    + " and package cache (often 50-200 MB) in the layer; end the RUN with " + clean,
                    RunEdits.append(context, r.run(), r.script(), clean, "append " + clean));
        }
    }

    private boolean cleaned(FinalImageRuns.Run r) {
        for (String tool : tools) {
            if (Cleanups.runs(r.script(), tool, "clean", "all")) {
                return true;
            }
        }
        for (String dir : cacheDirs) {
            if (Cleanups.cleaned(r.run(), r.script(), dir)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
