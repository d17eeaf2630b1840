package dev.kiln.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A request body read from a stream in large buffers. The JDK's own {@code ofInputStream} publisher
 * reads 16 KiB at a time, which caps an upload well below what loopback and disks do; this one
 * hands the client 512 KiB buffers on demand, never reading ahead of what was requested.
 */
final class StreamPublisher implements HttpRequest.BodyPublisher {

    private static final int BUFFER = 512 * 1024;

    private final Supplier<InputStream> opener;
    private final long length;

    StreamPublisher(Supplier<InputStream> opener, long length) {
        this.opener = opener;
        this.length = length;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Subscription(subscriber));
    }

    private final class Subscription implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicBoolean draining = new AtomicBoolean();
        private volatile boolean done;
        private InputStream in;
        private long sent;

        Subscription(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                finish(new IllegalArgumentException("non-positive request"));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            // Trampoline: a subscriber that requests again from onNext is served by the loop already running.
            while (!done && draining.compareAndSet(false, true)) {
                try {
                    while (!done && demand.get() > 0) {
                        demand.decrementAndGet();
                        emitOne();
                    }
                } finally {
                    draining.set(false);
                }
                if (demand.get() == 0 || done) {
                    return;
                }
            }
        }

        private void emitOne() {
            try {
                if (in == null) {
                    in = opener.get();
                }
                byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(1, length - sent))];
                int filled = 0;
                while (filled < buffer.length) {
                    int n = in.read(buffer, filled, buffer.length - filled);
                    if (n < 0) {
                        break;
                    }
                    filled += n;
                }
                if (filled > 0) {
                    sent += filled;
                    subscriber.onNext(ByteBuffer.wrap(buffer, 0, filled));
                }
                if (filled < buffer.length || sent >= length) {
                    close();
                    done = true;
                    if (sent != length) {
                        subscriber.onError(new IOException("body ended after " + sent + " of " + length + " bytes"));
                    } else {
                        subscriber.onComplete();
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                finish(e);
            }
        }

        private void finish(Throwable error) {
            if (!done) {
                done = true;
                close();
                subscriber.onError(error);
            }
        }

        private void close() {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // the body is over either way
                }
            }
        }

        @Override
        public void cancel() {
            done = true;
            close();
        }
    }
}
