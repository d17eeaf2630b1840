package dev.kiln.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A request body read from a stream by its own thread, a few large buffers ahead. The JDK's
 * {@code ofInputStream} publisher reads 16 KiB at a time inside {@code request()}, which the HTTP
 * client calls from its single selector thread: reading (and hashing, for verifying sources) every
 * upload there serialises parallel uploads and stalls the sockets. Here a reader thread per body
 * fills a small queue (so memory stays bounded) and the subscriber is fed from it on demand.
 */
final class StreamPublisher implements HttpRequest.BodyPublisher {

    private static final int BUFFER = 512 * 1024;
    private static final int AHEAD = 4;
    private static final Object END = new Object();

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
        Subscription subscription = new Subscription(subscriber);
        subscriber.onSubscribe(subscription);
        subscription.start();
    }

    private final class Subscription implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD + 1);
        private final AtomicLong demand = new AtomicLong();
        private final AtomicBoolean draining = new AtomicBoolean();
        private volatile boolean done;
        private volatile Thread reader;

        Subscription(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        void start() {
            Thread thread = new Thread(this::read, "kiln-upload-reader");
            thread.setDaemon(true);
            reader = thread;
            thread.start();
        }

        private void read() {
            long sent = 0;
            try (InputStream in = opener.get()) {
                while (!done && sent < length) {
                    byte[] buffer = new byte[(int) Math.min(BUFFER, length - sent)];
                    int filled = 0;
                    while (filled < buffer.length) {
                        int n = in.read(buffer, filled, buffer.length - filled);
                        if (n < 0) {
                            break;
                        }
                        filled += n;
                    }
                    if (filled == 0) {
                        break;
                    }
                    sent += filled;
                    offer(ByteBuffer.wrap(buffer, 0, filled));
                    if (filled < buffer.length) {
                        break;
                    }
                }
                offer(sent == length ? END : new IOException("body ended after " + sent + " of " + length + " bytes"));
            } catch (IOException | UncheckedIOException e) {
                offerQuietly(e);
            } catch (InterruptedException e) {
                // cancelled
            }
        }

        private void offer(Object item) throws InterruptedException {
            while (!done && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // wait for the subscriber to take some
            }
            drain();
        }

        private void offerQuietly(Object item) {
            try {
                offer(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                subscriber.onError(new IllegalArgumentException("non-positive request"));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        /** Hands queued items to the subscriber while it wants them; one thread at a time. */
        private void drain() {
            while (!done && draining.compareAndSet(false, true)) {
                try {
                    while (!done) {
                        Object head = queue.peek();
                        if (head == null) {
                            break;
                        }
                        if (head instanceof ByteBuffer buffer) {
                            if (demand.get() <= 0) {
                                break;
                            }
                            queue.poll();
                            demand.decrementAndGet();
                            subscriber.onNext(buffer);
                        } else {
                            queue.poll();
                            done = true;
                            if (head == END) {
                                subscriber.onComplete();
                            } else {
                                subscriber.onError((Throwable) head);
                            }
                        }
                    }
                } finally {
                    draining.set(false);
                }
                Object head = queue.peek();
                if (head == null || (head instanceof ByteBuffer && demand.get() <= 0)) {
                    return;
                }
            }
        }

        @Override
        public void cancel() {
            done = true;
            Thread thread = reader;
            if (thread != null) {
                thread.interrupt();
            }
            queue.clear();
        }
    }
}
