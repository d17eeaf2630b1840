package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.ast.UserInstruction;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.List;

/**
 * DL3002: the image's last USER is root. Only the stages that make up the final image count: a
 * build stage running as root ships nothing (hadolint flags every stage).
 */
public final class LastUserRoot extends BaseRule {

    public LastUserRoot() {
        super("DL3002", Level.WARNING, "Last USER should not be root",
                "End the final stage with a non-root USER (e.g. USER 10001); a root process that escapes owns the host's files.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.ancestry(context.finalStage())) {
            List<UserInstruction> users = stage.instructions(UserInstruction.class);
            if (users.isEmpty()) {
                continue;
            }
            UserInstruction last = users.get(users.size() - 1);
            if (isRoot(last.userName())) {
                sink.report(last.user().range(), "the image runs as " + last.user().value() + ": switch to an"
                        + " unprivileged user after the steps that need root (USER 10001 or a named user)");
            }
            return;
        }
    }

    static boolean isRoot(String user) {
        return user.equals("root") || user.equals("0");
    }
}
