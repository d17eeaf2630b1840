package dev.kiln.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body that fails when no byte arrives for {@code idle}: the HTTP client's own timeout
 * covers only the wait for headers, and a stalled body would otherwise hang a pull forever. A
 * watchdog closes the stream; the blocked read then throws instead of seeing a quiet end.
 */
final class IdleGuardedStream extends FilterInputStream {

    private final long idleNanos;
    private final ScheduledFuture<?> watchdog;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean timedOut;
    private volatile boolean closed;

    IdleGuardedStream(InputStream in, Duration idle, ScheduledExecutorService timer) {
        super(in);
        this.idleNanos = idle.toNanos();
        long period = Math.max(50, idle.toMillis() / 4);
        this.watchdog = timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (!closed && System.nanoTime() - lastProgress > idleNanos) {
            timedOut = true;
            try {
                in.close();
            } catch (IOException ignored) {
                // the reader sees the timeout
            }
            watchdog.cancel(false);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            if (timedOut) {
                throw timeout();
            }
            throw e;
        }
        if (timedOut) {
            throw timeout();
        }
        if (n > 0) {
            lastProgress = System.nanoTime();
        } else if (n < 0) {
            watchdog.cancel(false);
        }
        return n;
    }

    private IOException timeout() {
        return new java.net.http.HttpTimeoutException("no data received for " + idleNanos / 1_000_000_000.0 + " s");
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watchdog.cancel(false);
        super.close();
    }
}
