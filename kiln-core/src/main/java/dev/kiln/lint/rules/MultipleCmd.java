package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.CmdInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.List;

/** DL4003: several CMDs in one stage; only the last takes effect. */
public final class MultipleCmd extends BaseRule {

    public MultipleCmd() {
        super("DL4003", Level.WARNING, "Multiple CMD instructions found",
                "Keep one CMD per stage; earlier ones are silently replaced.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.stages()) {
            List<CmdInstruction> cmds = stage.instructions(CmdInstruction.class);
            for (int i = 0; i < cmds.size() - 1; i++) {
                sink.report(cmds.get(i).node().keywordRange(), "this CMD is replaced by the one on line "
                        + cmds.get(cmds.size() - 1).range().startLine() + "; remove it");
            }
        }
    }
}
