package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Optional;

/**
 * DL3046: {@code useradd -u 1000000} without {@code -l}: useradd reserves a slot for that UID in the
 * sparse /var/log/lastlog and faillog, which tar then stores in full (gigabytes for large UIDs). The
 * fix adds {@code -l} (no-log-init).
 */
public final class UseraddLongUid extends CommandRule {

    public UseraddLongUid() {
        super("DL3046", Level.WARNING, "useradd without flag -l and high UID will result in excessively large Image",
                "Add -l to useradd with a large UID; otherwise /var/log/lastlog grows to gigabytes in the layer.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        if (!command.name().equals("useradd") || command.hasAnyFlag("-l", "--no-log-init")) {
            return;
        }
        Optional<String> uid = command.flagValue("-u").or(() -> command.flagValue("--uid"));
        if (uid.isEmpty() || !Names.digits(uid.get()) || uid.get().length() <= 5) {
            return;
        }
        sink.report(command.range(), "useradd -u " + uid.get() + " without -l writes a sparse /var/log/lastlog entry"
                + " for that UID, which the layer stores in full (can be gigabytes); add -l",
                RunEdits.flagFix("add -l", command.words().get(0), "-l"));
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
