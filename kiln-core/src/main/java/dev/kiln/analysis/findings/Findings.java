package dev.kiln.analysis.findings;

import dev.kiln.analysis.ImageAnalysis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs every detector over an analysis; findings come most important first, then largest first. */
public final class Findings {

    /** Example paths kept per finding. */
    public static final int MAX_PATHS = 10;
    /** Reclaimable bytes from which a shadowing finding is a warning rather than information. */
    static final long NOTABLE_BYTES = 1_000_000;

    private static final List<Detector> DETECTORS = List.of(new Secrets(), new ShadowedFiles(), new PathRules(),
            new SparseLogs(), new ConfigChecks(), new Permissions());

    private Findings() {
    }

    public static List<Finding> detect(ImageAnalysis analysis, FindingContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Detector detector : DETECTORS) {
            detector.detect(analysis, context, findings);
        }
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Comparator.comparingLong(Finding::bytes)
                .reversed()).thenComparing(Finding::code).thenComparingInt(Finding::layer));
        return List.copyOf(findings);
    }

    /** {@code layer 3 (RUN apt-get update && ...)}, the history line cut to a readable length. */
    static String stepLabel(ImageAnalysis a, int layer) {
        String step = a.layers().get(layer).step();
        if (step.isEmpty()) {
            return "layer " + layer;
        }
        String oneLine = step.replace('\n', ' ');
        if (oneLine.length() > 60) {
            oneLine = oneLine.substring(0, 57) + "...";
        }
        return "layer " + layer + " (" + oneLine + ")";
    }
}
