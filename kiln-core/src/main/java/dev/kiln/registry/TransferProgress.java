package dev.kiln.registry;

import dev.kiln.event.EventSink;
import dev.kiln.event.ProgressEvent;
import java.util.function.LongConsumer;

/**
 * Byte counts of one blob transfer as {@link ProgressEvent}s ({@code RUNNING}), at most every
 * 100 ms or 4 MiB so that a fast transfer does not drown the terminal in events.
 */
final class TransferProgress implements LongConsumer {

    private static final long MIN_NANOS = 100_000_000L;
    private static final long MIN_BYTES = 4L << 20;

    private final EventSink events;
    private final String id;
    private final String action;
    private final long total;
    private long lastBytes;
    private long lastNanos = System.nanoTime();

    TransferProgress(EventSink events, String id, String action, long total) {
        this.events = events;
        this.id = id;
        this.action = action;
        this.total = total;
    }

    @Override
    public void accept(long done) {
        long now = System.nanoTime();
        if (done < lastBytes || done - lastBytes >= MIN_BYTES || now - lastNanos >= MIN_NANOS) {
            lastBytes = done;
            lastNanos = now;
            events.accept(new ProgressEvent(id, action, done, total, ProgressEvent.State.RUNNING));
        }
    }
}
