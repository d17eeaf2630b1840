package dev.kiln.squash;

import dev.kiln.event.EventSink;
import java.time.Instant;
import java.util.Objects;

/**
 * How {@link Squasher} rewrites the image.
 *
 * @param merge   how the merged layer is written (compression, parallelism, spool directory, events)
 * @param message the history comment of the merged layer
 * @param created the {@code created} time of the new config and of the merged layer's history entry
 */
public record SquashOptions(MergeOptions merge, String message, Instant created) {

    public static final String DEFAULT_MESSAGE = "squashed by kiln";

    public SquashOptions {
        Objects.requireNonNull(merge, "merge");
        Objects.requireNonNull(created, "created");
        message = message == null || message.isBlank() ? DEFAULT_MESSAGE : message;
    }

    public static SquashOptions defaults() {
        return new SquashOptions(MergeOptions.defaults(), DEFAULT_MESSAGE, Instant.now());
    }

    public SquashOptions withMerge(MergeOptions m) {
        return new SquashOptions(m, message, created);
    }

    public SquashOptions withMessage(String m) {
        return new SquashOptions(merge, m, created);
    }

    public SquashOptions withCreated(Instant c) {
        return new SquashOptions(merge, message, c);
    }

    public SquashOptions withEvents(EventSink events) {
        return withMerge(merge.withEvents(events));
    }
}
