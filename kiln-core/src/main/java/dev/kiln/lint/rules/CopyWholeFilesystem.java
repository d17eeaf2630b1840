package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.CopyInstruction;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;

/**
 * DL3067: {@code COPY --from=stage / /} in the final image copies a whole root filesystem, build tools
 * and caches included. Build stages are not flagged: helpers such as tonistiigi/xx are made to be
 * copied whole into a build stage, and nothing of it ships.
 */
public final class CopyWholeFilesystem extends BaseRule {

    public CopyWholeFilesystem() {
        super("DL3067", Level.WARNING, "Do not copy an entire filesystem from another stage",
                "Copy only the files the image needs from other stages; / brings along every tool and cache.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (CopyInstruction copy : Instructions.all(context, CopyInstruction.class, false)) {
            if (copy.options().from().isEmpty() || !isRoot(copy.destination())
                    || !context.stageOf(copy).map(context::inFinalImage).orElse(false)) {
                continue;
            }
            if (copy.sources().stream().anyMatch(CopyWholeFilesystem::isRoot)) {
                sink.report(copy.range(), "COPY --from=" + copy.options().from().get() + " / / copies that stage's"
                        + " entire filesystem, package caches and build tools included; copy only what runs");
            }
        }
    }

    private static boolean isRoot(Word w) {
        String v = w.value();
        return v.equals("/") || v.equals("/.") || v.equals("/*");
    }
}
