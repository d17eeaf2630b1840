package dev.kiln.cli;

import dev.kiln.dockerfile.ast.ArgDeclaration;
import dev.kiln.dockerfile.ast.ArgInstruction;
import dev.kiln.dockerfile.ast.Directive;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.Heredoc;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.SourceRange;
import dev.kiln.dockerfile.ast.Stage;
import java.io.PrintWriter;

/** The human view of {@code kiln parse}: stages, then each instruction with its range. */
final class ParseText {

    private static final int WIDTH = 100;

    private ParseText() {
    }

    static void print(Dockerfile d, PrintWriter out) {
        out.printf("%s: %d stage%s, %d instructions, escape %s%n", d.fileName(), d.stages().size(),
                d.stages().size() == 1 ? "" : "s", d.instructions().size(), d.escape());
        for (Directive directive : d.directives()) {
            out.printf("  %-13s # %s=%s%n", range(directive.range()), directive.name(), directive.value());
        }
        for (ArgInstruction arg : d.globalArgs()) {
            for (ArgDeclaration a : arg.declarations()) {
                out.printf("  %-13s global ARG %s%n", range(a.word().range()), a.word().raw());
            }
        }
        for (Stage stage : d.stages()) {
            out.printf("stage %d%s: FROM %s%s  (%s)%n", stage.index(), stage.name().map(n -> " \"" + n + "\"").orElse(""),
                    stage.baseImage().raw(), stage.platform().map(p -> " --platform=" + p).orElse(""),
                    range(stage.range()));
            for (Instruction i : stage.instructions()) {
                out.printf("  %-13s %s%n", range(i.range()), summary(i));
                for (Heredoc h : i.heredocs()) {
                    out.printf("  %-13s   <<%s%s (%d line%s%s)%n", range(h.contentRange()), h.chomp() ? "-" : "",
                            h.name(), h.content().lines().count(), h.content().lines().count() == 1 ? "" : "s",
                            h.expand() ? "" : ", literal");
                }
            }
        }
    }

    private static String summary(Instruction i) {
        String text = i.node().original().replaceAll("\\s+", " ");
        return text.length() > WIDTH ? text.substring(0, WIDTH - 3) + "..." : text;
    }

    static String range(SourceRange r) {
        return r.start().line() + ":" + r.start().column() + "-" + r.end().line() + ":" + r.end().column();
    }
}
