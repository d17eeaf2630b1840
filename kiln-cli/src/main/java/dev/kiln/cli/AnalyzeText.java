package dev.kiln.cli;

import static dev.kiln.TerminalText.safe;

import dev.kiln.analysis.BaseImage;
import dev.kiln.analysis.DiveFigures;
import dev.kiln.analysis.HistoryStep;
import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.LayerSummary;
import dev.kiln.analysis.PathBytes;
import dev.kiln.analysis.Totals;
import dev.kiln.analysis.findings.Finding;
import dev.kiln.analysis.findings.Severity;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The readable summary of {@code kiln analyze}: the image's bytes, every history step with its layer's
 * sizes (empty steps included, the largest layers marked), the paths with the most reclaimable bytes,
 * and the findings.
 */
final class AnalyzeText {

    /** Example paths per finding on a terminal (the JSON report keeps more). */
    private static final int PATHS_SHOWN = 3;

    private final PrintWriter out;
    private final Style style;

    AnalyzeText(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    void print(ImageAnalysis a, List<Finding> findings, int top) {
        summary(a);
        out.println();
        history(a);
        List<PathBytes> reclaimable = a.topReclaimable(top);
        if (!reclaimable.isEmpty()) {
            out.println();
            out.println(style.bold("Largest reclaimable paths") + style.dim("  (bytes in layers that the final image does not show)"));
            for (PathBytes p : reclaimable) {
                out.printf(Locale.ROOT, "  %9s  %s  %s%n", human(p.bytes()), safe(p.path()),
                        style.dim("(" + p.copies() + (p.copies() == 1 ? " copy" : " copies") + ", hidden by layer "
                                + p.layer() + ")"));
            }
        }
        out.println();
        findings(findings);
    }

    private void summary(ImageAnalysis a) {
        Totals t = a.totals();
        out.println(style.bold(safe(a.reference())) + "  " + a.config().platform()
                + (a.input().manifestDigest() == null ? "" : "  " + style.dim(a.input().manifestDigest().toString())));
        out.printf(Locale.ROOT, "  %s compressed, %s uncompressed; files %s, visible %s, %s%n",
                human(t.compressedBytes()), human(t.uncompressedBytes()), human(t.contentBytes()), human(t.visibleBytes()),
                t.reclaimableBytes() > 0
                        ? style.red("reclaimable " + human(t.reclaimableBytes()) + " (" + percent(t.reclaimableRatio()) + ")")
                        : "nothing reclaimable");
        if (a.base().isPresent()) {
            BaseImage b = a.base().get();
            out.printf(Locale.ROOT, "  base %s: %d %s, %s; own: %d %s, %s%n", b.name(), b.layers(),
                    b.layers() == 1 ? "layer" : "layers", human(b.uncompressedBytes()), a.layerCount() - b.layers(),
                    a.layerCount() - b.layers() == 1 ? "layer" : "layers",
                    human(t.uncompressedBytes() - b.uncompressedBytes()));
        } else {
            out.println("  base image: none found in the local store (name one with --base)");
        }
        DiveFigures d = a.dive();
        out.printf(Locale.ROOT, "  dive: efficiency %s, wasted %s, user wasted %s%n", percent(d.efficiency()),
                human(d.wastedBytes()), percent(d.userWastedPercent()));
        out.printf(Locale.ROOT, "  %d files, %d directories in the final filesystem%n", t.files(), t.directories());
    }

    private void history(ImageAnalysis a) {
        out.println(style.bold("Layers") + style.dim("  (* the largest; +added ~modified -removed files)"));
        out.printf(Locale.ROOT, "  %3s %10s %10s %11s %18s  %s%n", "#", "compressed", "size", "reclaimable",
                "changes", "step");
        List<LayerSummary> largest = a.layers().stream()
                .sorted(Comparator.comparingLong(LayerSummary::uncompressedSize).reversed())
                .limit(Math.min(3, Math.max(1, a.layerCount() / 3))).toList();
        List<HistoryStep> steps = a.steps();
        boolean[] shown = new boolean[a.layerCount()];
        for (HistoryStep step : steps) {
            if (step.layer() < 0) {
                out.printf(Locale.ROOT, "  %3s %10s %10s %11s %18s  %s%n", "-", "", "0 B", "", "",
                        style.dim(oneLine(step.step())));
                continue;
            }
            shown[step.layer()] = true;
            layer(a.layers().get(step.layer()), largest);
        }
        for (LayerSummary layer : a.layers()) {
            if (!shown[layer.index()]) {
                layer(layer, largest);
            }
        }
    }

    private void layer(LayerSummary l, List<LayerSummary> largest) {
        String mark = largest.contains(l) ? "*" : " ";
        String changes = "+" + l.added() + " ~" + l.modified() + " -" + l.removed();
        String step = l.step().isEmpty() ? "(no history)" : safe(oneLine(l.step()));
        out.printf(Locale.ROOT, " %s%3d %10s %10s %11s %18s  %s%n", mark, l.index(), human(l.compressedSize()),
                human(l.uncompressedSize()), l.hiddenBytes() > 0 ? style.red(String.format(Locale.ROOT, "%11s",
                        human(l.hiddenBytes()))) : "", changes, l.base() ? style.dim(step + "  [base]") : step);
    }

    private void findings(List<Finding> findings) {
        if (findings.isEmpty()) {
            out.println(style.bold("Findings") + ": none");
            return;
        }
        out.println(style.bold("Findings") + " (" + findings.size() + ")");
        for (Finding f : findings) {
            String severity = String.format(Locale.ROOT, "%-7s", f.severity().label());
            severity = f.severity() == Severity.ERROR ? style.red(severity)
                    : f.severity() == Severity.WARNING ? style.yellow(severity) : style.dim(severity);
            out.println("  " + severity + " " + style.bold(f.code()) + ": " + safe(f.message()));
            if (!f.paths().isEmpty()) {
                List<String> shown = f.paths().subList(0, Math.min(PATHS_SHOWN, f.paths().size()));
                String more = f.pathCount() > shown.size() ? " ... and " + (f.pathCount() - shown.size()) + " more" : "";
                out.println("          " + style.dim(safe(String.join("  ", shown)) + more));
            }
        }
    }

    static String oneLine(String text) {
        String line = text.replace('\n', ' ').replace('\t', ' ');
        return line.length() > 100 ? line.substring(0, 97) + "..." : line;
    }

    static String human(long bytes) {
        return dev.kiln.analysis.findings.Bytes.human(bytes);
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    /** ANSI styling on a terminal, plain text otherwise. */
    record Style(boolean ansi) {
        String bold(String s) {
            return ansi ? "\u001b[1m" + s + "\u001b[0m" : s;
        }

        String dim(String s) {
            return ansi ? "\u001b[2m" + s + "\u001b[0m" : s;
        }

        String red(String s) {
            return ansi ? "\u001b[31m" + s + "\u001b[0m" : s;
        }

        String yellow(String s) {
            return ansi ? "\u001b[33m" + s + "\u001b[0m" : s;
        }

        String green(String s) {
            return ansi ? "\u001b[32m" + s + "\u001b[0m" : s;
        }
    }
}
