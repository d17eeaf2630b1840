package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.AddInstruction;
import dev.kiln.dockerfile.ast.Node;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.lint.Fix;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import dev.kiln.lint.TextEdit;
import java.util.Optional;

/**
 * DL3020: ADD of plain local files or directories. ADD also fetches URLs and unpacks archives, so
 * readers must check which it does; COPY says exactly what happens. The fix renames the keyword when
 * no ADD-only flag (--checksum, --keep-git-dir, --unpack) is used.
 */
public final class AddInsteadOfCopy extends BaseRule {

    public AddInsteadOfCopy() {
        super("DL3020", Level.ERROR, "Use COPY instead of ADD for files and folders",
                "Use COPY for local files; ADD's URL fetching and archive unpacking make plain copies surprising.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (AddInstruction add : Instructions.all(context, AddInstruction.class, true)) {
            boolean plain = !add.sources().isEmpty();
            for (Word src : add.sources()) {
                String v = src.value();
                if (src.hasVariable() || Archives.isUrl(v) || Archives.isArchive(v)) {
                    plain = false;
                    break;
                }
            }
            if (!plain) {
                continue;
            }
            Node node = add.node();
            Optional<Fix> fix = Optional.empty();
            if (add.options().checksum().isEmpty() && !add.options().keepGitDir() && add.options().unpack().isEmpty()) {
                String kw = node.keyword();
                String copy = kw.equals(kw.toLowerCase(java.util.Locale.ROOT)) ? "copy" : "COPY";
                fix = Optional.of(Fix.of("ADD → COPY", new TextEdit(node.keywordRange().startOffset(),
                        node.keywordRange().endOffset(), copy)));
            }
            sink.report(node.keywordRange(), "ADD of local files: use COPY, which only copies (ADD would also fetch"
                    + " URLs and unpack archives)", fix);
        }
    }

    @Override
    public boolean fixable() {
        return true;
    }
}
