package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;

/**
 * DL3009: {@code apt-get update} in a RUN that does not remove {@code /var/lib/apt/lists} (any other
 * {@code rm -rf} does not count; a cache mount on the lists, or apt 2.7's {@code apt-get dist-clean},
 * does). Only stages that end up in the
 * final image are checked. The fix appends {@code rm -rf /var/lib/apt/lists/*} to the RUN.
 */
public final class AptListsCleanup extends BaseRule {

    static final String LISTS = "/var/lib/apt/lists";

    public AptListsCleanup() {
        super("DL3009", Level.INFO, "Delete the apt-get lists after installing something",
                "End the RUN that runs apt-get update with rm -rf /var/lib/apt/lists/*; the lists add 20-50 MB to the layer.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.stages()) {
            if (!context.inFinalImage(stage)) {
                continue;
            }
            for (RunInstruction run : context.runs(stage, false)) {
                Optional<ShellScript> script = context.script(run);
                if (script.isEmpty()) {
                    continue;
                }
                Optional<SimpleCommand> update = script.get().commands().stream().map(SimpleCommand::unwrapped)
                        .filter(c -> PackageCommands.apt(c, true).map(a -> a.subcommandName().equals("update"))
                                .orElse(false))
                        .findFirst();
                if (update.isEmpty() || Cleanups.cleaned(run, script.get(), LISTS)
                        || Cleanups.runs(script.get(), "apt-get", "dist-clean")
                        || Cleanups.runs(script.get(), "apt", "dist-clean")) {
                    continue;
                }
                sink.report(update.get().range(), "apt-get update leaves the package lists (20-50 MB) in this layer;"
                        + " end the same RUN with rm -rf /var/lib/apt/lists/*",
                        RunEdits.append(context, run, script.get(), "rm -rf /var/lib/apt/lists/*",
                                "append rm -rf /var/lib/apt/lists/*"));
            }
        }
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
