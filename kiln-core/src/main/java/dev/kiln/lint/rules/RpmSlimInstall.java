package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.Fix;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * KL005: dnf/microdnf/yum install in the final image without {@code --setopt=install_weak_deps=False}
 * (dnf and microdnf: weak dependencies are the RPM "Recommends") and without
 * {@code --setopt=tsflags=nodocs} (man pages and docs). A setting written to the package manager's
 * configuration by an earlier RUN counts. The fix adds the missing options after the subcommand.
 */
public final class RpmSlimInstall extends BaseRule {

    public RpmSlimInstall() {
        super("KL005", Level.INFO, "dnf/yum install with weak dependencies and documentation",
                "Add --setopt=install_weak_deps=False --setopt=tsflags=nodocs to dnf install (--nodocs for microdnf); together they often save 10-30% of what is installed.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (FinalImageRuns.Run r : FinalImageRuns.of(context)) {
            boolean weakConfigured = configured(context, r.stage(), r.run(), "install_weak_deps");
            boolean docsConfigured = configured(context, r.stage(), r.run(), "nodocs");
            for (SimpleCommand c : r.script().commands()) {
                SimpleCommand u = c.unwrapped();
                Optional<Argv> rpm = PackageCommands.rpm(u, "dnf", "microdnf", "yum");
                if (rpm.isEmpty() || !PackageCommands.isRpmInstall(rpm.get())) {
                    continue;
                }
                String tool = u.name();
                boolean weak = !tool.equals("yum") && !weakConfigured && !mentions(u, "install_weak_deps")
                        && !rpm.get().has("--no-install-weak-deps");
                boolean docs = !docsConfigured && !rpm.get().has("--nodocs") && !mentions(u, "nodocs");
                if (!weak && !docs) {
                    continue;
                }
                List<String> add = new ArrayList<>();
                if (weak) {
                    add.add(tool.equals("microdnf") ? "--setopt=install_weak_deps=0" : "--setopt=install_weak_deps=False");
                }
                if (docs) {
                    add.add(tool.equals("microdnf") ? "--nodocs" : "--setopt=tsflags=nodocs");
                }
                String flags = String.join(" ", add);
                ShellWord sub = rpm.get().subcommand().orElseThrow();
                Optional<Fix> fix = sub.value().equals("module") ? Optional.empty()
                        : Optional.of(RunEdits.flagFix("add " + flags, sub, flags));
                sink.report(u.range(), tool + " install pulls in " + (weak && docs ? "weak dependencies and documentation"
                        : weak ? "weak dependencies (Recommends)" : "documentation") + ", often 10-30% of the install;"
                        + " add " + flags, fix);
            }
        }
    }

    private static boolean mentions(SimpleCommand c, String text) {
        return c.arguments().stream().anyMatch(w -> w.value().contains(text));
    }

    private static boolean configured(LintContext context, Stage stage, RunInstruction before, String text) {
        for (Stage s : context.ancestry(stage)) {
            for (Instruction i : s.instructions()) {
                if (i == before) {
                    break;
                }
                if (i instanceof RunInstruction r && r.node().original().contains(text)) {
                    return true;
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
