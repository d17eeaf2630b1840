package dev.kiln;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waiting for work handed to another thread, and getting back what it threw as it threw it: a
 * {@link KilnException}, an {@link IOException} (also out of an {@link UncheckedIOException}), a
 * {@link RuntimeException} or an {@link Error} comes back unwrapped, through any
 * {@link CompletionException}s; anything else, which a job should not throw, in an IOException.
 */
public final class Futures {

    private Futures() {
    }

    /** The job's result; an interrupt while waiting is an {@link InterruptedException}. */
    public static <T> T await(Future<T> job) throws IOException, KilnException, InterruptedException {
        try {
            return job.get();
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw rethrow(cause);
        }
    }

    /**
     * The job's result, for callers that can only throw I/O errors: an interrupt while waiting keeps
     * the thread's interrupt flag and is an {@link InterruptedIOException} saying what was interrupted.
     */
    public static <T> T await(Future<T> job, String what) throws IOException, KilnException {
        try {
            return job.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while " + what);
            io.initCause(e);
            throw io;
        } catch (ExecutionException e) {
            throw rethrow(unwrap(e));
        }
    }

    private static Throwable unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Throws the cause as it is when its type allows; returns only what to throw for the rest. */
    private static IOException rethrow(Throwable cause) throws IOException, KilnException {
        if (cause instanceof KilnException kiln) {
            throw kiln;
        }
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof UncheckedIOException unchecked) {
            throw unchecked.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }
}
