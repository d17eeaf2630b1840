package dev.kiln.build.run;

/**
 * Receives a sandboxed process's output as it comes. Called from two reader threads (one per
 * stream), so implementations must be thread-safe.
 */
public interface OutputSink {

    /** Drops everything (the sandbox still keeps the tail for error messages). */
    OutputSink DISCARD = (stream, bytes, length) -> { };

    enum Stream { STDOUT, STDERR }

    /** {@code length} bytes of {@code bytes} from {@code stream}; the array is reused after the call. */
    void write(Stream stream, byte[] bytes, int length);
}
