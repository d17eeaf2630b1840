package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.UserInstruction;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;

/**
 * DL3066: {@code USER appuser} is resolved through the image's /etc/passwd; Kubernetes'
 * {@code runAsNonRoot} cannot verify a name and refuses to start the pod. Variables, and Windows
 * images (which have no numeric user ids), are left alone.
 */
public final class NonNumericUser extends BaseRule {

    public NonNumericUser() {
        super("DL3066", Level.INFO, "Non-numeric user-id may not be resolvable by host system",
                "Write USER as a number (USER 10001:10001) so runtimes can check it is not root without reading /etc/passwd.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (UserInstruction user : Instructions.all(context, UserInstruction.class, true)) {
            String name = user.userName();
            if (user.user().hasVariable() || Names.digits(name)
                    || context.containingStage(user).map(context::isWindows).orElse(false)) {
                continue;
            }
            sink.report(user.user().range(), "USER " + user.user().value() + " is a name: runtimes that enforce non-root"
                    + " (Kubernetes runAsNonRoot) cannot check it; use the numeric uid (and gid)");
        }
    }
}
