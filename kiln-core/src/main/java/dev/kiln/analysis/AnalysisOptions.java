package dev.kiln.analysis;

import dev.kiln.event.EventSink;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to analyse.
 *
 * @param events         where progress goes
 * @param threads        layers scanned at once (each also decompresses on a thread of its own)
 * @param base           the base image the user named ({@code --base}); checked to be one
 * @param baseCandidates images to search for the longest shared prefix when no base is named
 */
public record AnalysisOptions(EventSink events, int threads, Optional<BaseCandidate> base,
        List<BaseCandidate> baseCandidates) {

    public AnalysisOptions {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(base, "base");
        baseCandidates = List.copyOf(baseCandidates);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    /** Both cores (or however many there are), no base, no events. */
    public static AnalysisOptions defaults() {
        return new AnalysisOptions(EventSink.NONE, Runtime.getRuntime().availableProcessors(), Optional.empty(),
                List.of());
    }

    public AnalysisOptions withEvents(EventSink sink) {
        return new AnalysisOptions(sink, threads, base, baseCandidates);
    }

    public AnalysisOptions withThreads(int count) {
        return new AnalysisOptions(events, count, base, baseCandidates);
    }

    public AnalysisOptions withBase(BaseCandidate named) {
        return new AnalysisOptions(events, threads, Optional.of(named), baseCandidates);
    }

    public AnalysisOptions withBaseCandidates(List<BaseCandidate> candidates) {
        return new AnalysisOptions(events, threads, base, candidates);
    }
}
