package dev.kiln.event;

/**
 * Receives events from library code. Implementations must be thread-safe: parallel transfers and
 * stages report from several threads.
 */
@FunctionalInterface
public interface EventSink {

    /** A sink that drops everything, for callers that do not care. */
    EventSink NONE = event -> { };

    void accept(Event event);

    default void info(String message) {
        accept(LogEvent.info(message));
    }

    default void warn(String message) {
        accept(LogEvent.warn(message));
    }

    default void debug(String message) {
        accept(LogEvent.debug(message));
    }
}
