package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.ast.UserInstruction;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.ImageName;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Locale;
import java.util.Optional;

/**
 * KL001: the final image never sets USER, so it runs as root unless its base image chose a user
 * (hadolint's DL3002 only sees an explicit {@code USER root}). Base images known to run unprivileged
 * ({@code :nonroot}, {@code -unprivileged}, {@code rootless}, Chainguard, Bitnami), Windows images, and
 * images that install a privilege-dropping tool ({@code gosu}, {@code su-exec}, {@code setpriv}) for
 * their entrypoint to step down with are not flagged; nor are base images that do not say what they
 * run (no CMD or ENTRYPOINT), whose users add the USER.
 */
public final class NoUser extends BaseRule {

    public NoUser() {
        super("KL001", Level.WARNING, "The final stage runs as root: no USER at all",
                "Create an unprivileged user and end with USER 10001; it costs nothing and a compromised process can no longer rewrite the image.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        Stage last = context.finalStage();
        for (Stage s : context.ancestry(last)) {
            if (!s.instructions(UserInstruction.class).isEmpty()) {
                return;
            }
        }
        if (context.isWindows(last) || unprivilegedBase(context.rootImage(last)) || dropsPrivileges(context)
                || !BuildPackagesLeft.runsAProgram(context)) {
            return;
        }
        sink.report(last.from().node().keywordRange(), "the final stage never sets USER, so the container runs as"
                + " root unless the base image picked a user; add a user (RUN useradd -r -u 10001 app) and USER 10001"
                + " after the steps that need root");
    }

    private static boolean dropsPrivileges(LintContext context) {
        for (FinalImageRuns.Run r : FinalImageRuns.of(context)) {
            String text = r.run().node().original();
            if (text.contains("gosu") || text.contains("su-exec") || text.contains("setpriv")) {
                return true;
            }
        }
        return false;
    }

    private static boolean unprivilegedBase(Optional<ImageName> image) {
        if (image.isEmpty()) {
            return false;
        }
        ImageName i = image.get();
        String all = (i.path() + ":" + i.tag().orElse("")).toLowerCase(Locale.ROOT);
        return all.contains("nonroot") || all.contains("non-root") || all.contains("unprivileged")
                || all.contains("rootless") || i.registry().equals("cgr.dev") || i.path().startsWith("bitnami/")
                || i.path().startsWith("chainguard/");
    }
}
