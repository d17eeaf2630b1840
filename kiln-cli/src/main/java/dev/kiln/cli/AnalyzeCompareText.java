package dev.kiln.cli;

import static dev.kiln.TerminalText.safe;
import static dev.kiln.cli.AnalyzeText.human;

import dev.kiln.analysis.ImageComparison;
import java.io.PrintWriter;
import java.util.Locale;

/** {@code kiln analyze A --compare B} on a terminal: sizes side by side, layers, what grew and what appeared. */
final class AnalyzeCompareText {

    private final PrintWriter out;
    private final AnalyzeText.Style style;

    AnalyzeCompareText(PrintWriter out, AnalyzeText.Style style) {
        this.out = out;
        this.style = style;
    }

    void print(ImageComparison c) {
        ImageComparison.Counts n = c.counts();
        out.println(style.bold(safe(c.before())) + "  ->  " + style.bold(safe(c.after())));
        row("compressed", n.compressedBefore(), n.compressedAfter());
        row("uncompressed", n.uncompressedBefore(), n.uncompressedAfter());
        row("visible files", n.visibleBefore(), n.visibleAfter());
        row("reclaimable", n.reclaimableBefore(), n.reclaimableAfter());
        out.printf(Locale.ROOT, "  files: %d added, %d removed, %d grew, %d shrank, %d changed in place%n", n.added(),
                n.removed(), n.grew(), n.shrank(), n.changed());
        out.println();
        out.println(style.bold("Layers"));
        for (ImageComparison.LayerDiff l : c.layers()) {
            String where = switch (l.side()) {
                case "both" -> "   both ";
                case "before" -> style.red(" before ");
                default -> style.green("  after ");
            };
            out.printf(Locale.ROOT, "  %s %3s %3s %10s  %s%n", where, l.indexBefore() < 0 ? "" : l.indexBefore(),
                    l.indexAfter() < 0 ? "" : l.indexAfter(), human(l.uncompressedBytes()),
                    safe(AnalyzeText.oneLine(l.step().isEmpty() ? l.diffId() : l.step())));
        }
        if (!c.directories().isEmpty()) {
            out.println();
            out.println(style.bold("Directories") + style.dim("  (up to three levels)"));
            for (ImageComparison.PathDelta d : c.directories()) {
                delta(d);
            }
        }
        if (!c.paths().isEmpty()) {
            out.println();
            out.println(style.bold("Files"));
            for (ImageComparison.PathDelta d : c.paths()) {
                delta(d);
            }
        }
    }

    private void row(String what, long before, long after) {
        long delta = after - before;
        String change = delta == 0 ? "same" : (delta > 0 ? "+" : "-") + human(Math.abs(delta));
        out.printf(Locale.ROOT, "  %-14s %10s -> %-10s %s%n", what, human(before), human(after),
                delta > 0 ? style.red(change) : delta < 0 ? style.green(change) : style.dim(change));
    }

    private void delta(ImageComparison.PathDelta d) {
        long delta = d.delta();
        String amount = delta == 0 ? "~0 B" : (delta > 0 ? "+" : "-") + human(Math.abs(delta));
        String kind = d.kind().name().toLowerCase(Locale.ROOT);
        out.printf(Locale.ROOT, "  %10s  %-7s %s%n", amount, kind, safe(d.path()));
    }
}
