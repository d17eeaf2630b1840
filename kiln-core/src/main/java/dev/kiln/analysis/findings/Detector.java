package dev.kiln.analysis.findings;

import dev.kiln.analysis.ImageAnalysis;
import java.util.List;

/** One family of findings. */
interface Detector {
    void detect(ImageAnalysis analysis, FindingContext context, List<Finding> out);
}
