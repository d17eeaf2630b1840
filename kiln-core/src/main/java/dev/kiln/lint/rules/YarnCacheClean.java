package dev.kiln.lint.rules;

import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.List;
import java.util.Optional;

/**
 * DL3060: {@code yarn install} without {@code yarn cache clean} in the same RUN (removing the yarn
 * cache directory, or a cache mount on it, also counts). Only stages in the final image are checked.
 * The fix appends {@code yarn cache clean}.
 */
public final class YarnCacheClean extends BaseRule {

    static final List<String> CACHES = List.of("/usr/local/share/.cache/yarn", "/root/.cache/yarn", "/root/.yarn/berry/cache");

    public YarnCacheClean() {
        super("DL3060", Level.INFO, "yarn cache clean missing after yarn install was run",
                "End the RUN with yarn cache clean; the package cache otherwise doubles node_modules' size in the layer.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (FinalImageRuns.Run r : FinalImageRuns.of(context)) {
            Optional<SimpleCommand> install = r.script().commands().stream().map(SimpleCommand::unwrapped)
                    .filter(c -> PackageCommands.yarn(c).map(a -> a.subcommandName().equals("install")).orElse(false))
                    .findFirst();
            if (install.isEmpty() || Cleanups.runs(r.script(), "yarn", "cache", "clean")
                    || CACHES.stream().anyMatch(d -> Cleanups.cleaned(r.run(), r.script(), d))) {
                continue;
            }
            sink.report(install.get().range(), "yarn install without yarn cache clean keeps a copy of every package in"
                    + " the yarn cache in this layer; end the RUN with yarn cache clean",
                    RunEdits.append(context, r.run(), r.script(), "yarn cache clean", "append yarn cache clean"));
        }
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
