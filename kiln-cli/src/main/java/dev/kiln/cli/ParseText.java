package dev.kiln.cli;

import dev.kiln.TerminalText;
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
        line(out, "%s: %d stage%s, %d instructions, escape %s", d.fileName(), d.stages().size(),
                d.stages().size() == 1 ? "" : "s", d.instructions().size(), d.escape());
        for (Directive directive : d.directives()) {
            line(out, "  %-13s # %s=%s", range(directive.range()), directive.name(), directive.value());
        }
        for (ArgInstruction arg : d.globalArgs()) {
            for (ArgDeclaration a : arg.declarations()) {
                line(out, "  %-13s global ARG %s", range(a.word().range()), a.word().raw());
            }
        }
        for (Stage stage : d.stages()) {
            line(out, "stage %d%s: FROM %s%s  (%s)", stage.index(), stage.name().map(n -> " \"" + n + "\"").orElse(""),
                    stage.baseImage().raw(), stage.platform().map(p -> " --platform=" + p).orElse(""),
                    range(stage.range()));
            for (Instruction i : stage.instructions()) {
                line(out, "  %-13s %s", range(i.range()), summary(i));
                for (Heredoc h : i.heredocs()) {
                    line(out, "  %-13s   <<%s%s (%d line%s%s)", range(h.contentRange()), h.chomp() ? "-" : "",
                            h.name(), h.content().lines().count(), h.content().lines().count() == 1 ? "" : "s",
                            h.expand() ? "" : ", literal");
                }
            }
        }
    }

    /** One line of the listing; everything in it that came from the file is made safe to show. */
    private static void line(PrintWriter out, String format, Object... args) {
        out.println(TerminalText.safe(String.format(format, args)));
    }

    private static String summary(Instruction i) {
        String text = i.node().original().replaceAll("\\s+", " ");
        return text.length() > WIDTH ? text.substring(0, WIDTH - 3) + "..." : text;
    }

    static String range(SourceRange r) {
        return r.start().line() + ":" + r.start().column() + "-" + r.end().line() + ":" + r.end().column();
    }
}
