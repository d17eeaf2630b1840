package dev.kiln.event;

/** Something the library wants a user to know; only the command line decides how to show it. */
public sealed interface Event permits LogEvent, ProgressEvent {
}
