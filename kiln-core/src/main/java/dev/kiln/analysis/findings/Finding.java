package dev.kiln.analysis.findings;

import java.util.List;
import java.util.Objects;

/**
 * Something worth fixing in an image.
 *
 * @param code         stable identifier ({@code deleted-later}, {@code package-cache}, {@code secret}, ...)
 * @param message      one sentence saying what and what to do
 * @param bytes        bytes the fix would reclaim (0 when the finding is not about size)
 * @param layer        the layer responsible (where the bytes are, or the file is), -1 for the image as a whole
 * @param step         that layer's history line, shortened ({@code RUN apt-get update ...})
 * @param relatedLayer a second layer involved (the one that deleted or replaced the files), or -1
 * @param relatedStep  its history line
 * @param paths        example paths, largest first (at most {@link Findings#MAX_PATHS})
 * @param pathCount    how many paths the finding covers in all
 */
public record Finding(String code, Severity severity, String message, long bytes, int layer, String step,
        int relatedLayer, String relatedStep, List<String> paths, int pathCount) {

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        step = step == null ? "" : step;
        relatedStep = relatedStep == null ? "" : relatedStep;
        paths = List.copyOf(paths);
    }

    /** A finding about the image as a whole (its config or name), not about files. */
    static Finding image(String code, Severity severity, String message) {
        return new Finding(code, severity, message, 0, -1, "", -1, "", List.of(), 0);
    }
}
