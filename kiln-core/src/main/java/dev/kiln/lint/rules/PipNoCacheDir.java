package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.EnvInstruction;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.KeyValue;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;
import java.util.Set;

/**
 * DL3042: {@code pip install} without {@code --no-cache-dir} keeps every downloaded wheel in
 * {@code ~/.cache/pip}. {@code PIP_NO_CACHE_DIR} set truthy (ENV earlier in the stage, or on the
 * command), a cache mount on the pip cache, or removing it in the same RUN count. Only stages in the
 * final image are checked. The fix adds {@code --no-cache-dir} after {@code install}.
 */
public final class PipNoCacheDir extends BaseRule {

    private static final Set<String> TRUTHY = Set.of("1", "true", "yes", "on", "True", "TRUE", "Yes", "YES", "On", "ON");
    static final String CACHE = "/root/.cache/pip";

    public PipNoCacheDir() {
        super("DL3042", Level.WARNING, "Avoid use of cache directory with pip",
                "Use pip install --no-cache-dir (or ENV PIP_NO_CACHE_DIR=1); the wheel cache otherwise ships in the layer.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (FinalImageRuns.Run r : FinalImageRuns.of(context)) {
            if (envDisablesCache(context, r.stage(), r.run()) || Cleanups.cleaned(r.run(), r.script(), CACHE)) {
                continue;
            }
            boolean exported = false;
            for (SimpleCommand c : r.script().commands()) {
                SimpleCommand u = c.unwrapped();
                if (u.name().equals("export") && u.arguments().stream().anyMatch(PipNoCacheDir::disables)) {
                    exported = true;
                }
                Optional<Argv> pip = PackageCommands.pipInstall(u);
                if (pip.isEmpty() || exported || pip.get().has("--no-cache-dir")
                        || u.assignments().stream().anyMatch(PipNoCacheDir::disables)
                        || c.assignments().stream().anyMatch(PipNoCacheDir::disables)) {
                    continue;
                }
                sink.report(u.range(), "pip install without --no-cache-dir keeps the downloaded packages in "
                        + "~/.cache/pip in this layer (often as large as what was installed); add --no-cache-dir",
                        RunEdits.flagFix("add --no-cache-dir", pip.get().subcommand().orElseThrow(), "--no-cache-dir"));
            }
        }
    }

    private static boolean disables(ShellWord assignment) {
        String v = assignment.value();
        return v.startsWith("PIP_NO_CACHE_DIR=") && TRUTHY.contains(v.substring("PIP_NO_CACHE_DIR=".length()));
    }

    private static boolean envDisablesCache(LintContext context, Stage stage, Instruction before) {
        for (Stage s : context.ancestry(stage)) {
            for (Instruction i : s.instructions()) {
                if (i == before) {
                    break;
                }
                if (i instanceof EnvInstruction env) {
                    for (KeyValue kv : env.pairs()) {
                        if (kv.key().value().equals("PIP_NO_CACHE_DIR") && TRUTHY.contains(kv.value().value())) {
                            return true;
                        }
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
