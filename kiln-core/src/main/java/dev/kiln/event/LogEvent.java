package dev.kiln.event;

import java.util.Objects;

/** A line of text for the user, with the level that decides whether it is shown. */
public record LogEvent(Level level, String message) implements Event {

    public enum Level { DEBUG, INFO, WARN }

    public LogEvent {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
    }

    public static LogEvent info(String message) {
        return new LogEvent(Level.INFO, message);
    }

    public static LogEvent warn(String message) {
        return new LogEvent(Level.WARN, message);
    }

    public static LogEvent debug(String message) {
        return new LogEvent(Level.DEBUG, message);
    }
}
