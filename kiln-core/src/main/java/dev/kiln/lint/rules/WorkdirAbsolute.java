package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.WorkdirInstruction;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;

/** DL3000: a relative WORKDIR resolves against whatever WORKDIR came before, the base image's included. */
public final class WorkdirAbsolute extends BaseRule {

    public WorkdirAbsolute() {
        super("DL3000", Level.ERROR, "Use absolute WORKDIR",
                "Write WORKDIR as an absolute path; a relative one depends on every WORKDIR before it, the base image's too.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (WorkdirInstruction w : Instructions.all(context, WorkdirInstruction.class, true)) {
            String path = w.path().value();
            if (!isAbsolute(path)) {
                sink.report(w.path().range(), "WORKDIR " + path + " is relative: it lands under the previous WORKDIR"
                        + " (the base image's if none); write the absolute path, e.g. /" + path);
            }
        }
    }

    static boolean isAbsolute(String path) {
        return path.startsWith("/") || path.startsWith("$") || path.startsWith("\\")
                || (path.length() >= 2 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':');
    }
}
