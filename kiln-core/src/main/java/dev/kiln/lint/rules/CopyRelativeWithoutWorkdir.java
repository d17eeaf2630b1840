package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.CopyInstruction;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.ast.WorkdirInstruction;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.List;

/** DL3045: COPY to a relative path before any WORKDIR in the stage (or the stages it is built FROM). */
public final class CopyRelativeWithoutWorkdir extends BaseRule {

    public CopyRelativeWithoutWorkdir() {
        super("DL3045", Level.WARNING, "COPY to a relative destination without WORKDIR set",
                "Set WORKDIR before copying to a relative path, or copy to an absolute one; otherwise it lands wherever the base image's WORKDIR is.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.stages()) {
            List<Stage> chain = context.ancestry(stage);
            boolean workdir = chain.stream().skip(1).anyMatch(s -> !s.instructions(WorkdirInstruction.class).isEmpty());
            for (Instruction i : stage.instructions()) {
                if (i instanceof WorkdirInstruction) {
                    workdir = true;
                } else if (i instanceof CopyInstruction copy && !workdir) {
                    String dest = copy.destination().value();
                    if (!WorkdirAbsolute.isAbsolute(dest)) {
                        sink.report(copy.destination().range(), "COPY to relative " + dest + " with no WORKDIR set:"
                                + " it lands under the base image's working directory; add WORKDIR /app (or similar)"
                                + " first, or copy to an absolute path");
                    }
                }
            }
        }
    }
}
