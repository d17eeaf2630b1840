package dev.kiln.tar;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a producing stream (typically a decompressor) on its own thread, handing its output over in
 * large chunks, so that decompression and what the reader does with the bytes (hashing, tar parsing,
 * writing files) use both cores. Errors on the producing side surface on the next read.
 */
final class ReadAheadInputStream extends InputStream {

    /** What the background thread runs: reads the source to its end, then finishes (e.g. drains the raw input). */
    interface Source {
        InputStream open() throws IOException;

        default void finish() throws IOException {
        }
    }

    private static final int CHUNK = 256 * 1024;
    private static final int DEPTH = 8;
    private static final Chunk END = new Chunk(new byte[0], -1, null);

    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(DEPTH + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Thread thread;
    private Chunk current;
    private int pos;
    private boolean finished;
    private volatile boolean closed;

    ReadAheadInputStream(Source source, String name) {
        thread = new Thread(() -> produce(source), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void produce(Source source) {
        Chunk last = END;
        try (InputStream in = source.open()) {
            while (!closed) {
                byte[] buffer = free.poll();
                if (buffer == null) {
                    buffer = new byte[CHUNK];
                }
                int length = 0;
                while (length < buffer.length) {
                    int n = in.read(buffer, length, buffer.length - length);
                    if (n < 0) {
                        break;
                    }
                    length += n;
                }
                if (length > 0) {
                    full.put(new Chunk(buffer, length, null));
                }
                if (length < buffer.length) {
                    break;
                }
            }
            if (!closed) {
                source.finish();
            }
        } catch (IOException | RuntimeException e) {
            last = new Chunk(null, -1, e);
        } catch (InterruptedException e) {
            return;
        }
        try {
            full.put(last);
        } catch (InterruptedException e) {
            // closed while handing over the end: nobody is reading
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
        if (len == 0) {
            return 0;
        }
        if (!ensureChunk()) {
            return -1;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current.bytes, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && ensureChunk()) {
            int step = (int) Math.min(n - skipped, current.length - pos);
            pos += step;
            skipped += step;
        }
        return skipped;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length - pos;
    }

    private boolean ensureChunk() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        while (current == null || pos == current.length) {
            if (finished) {
                return false;
            }
            if (current != null && current.bytes != null) {
                free.offer(current.bytes);
            }
            try {
                current = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading ahead");
            }
            pos = 0;
            if (current.error != null) {
                finished = true;
                Exception error = current.error;
                current = null;
                if (error instanceof IOException io) {
                    throw io;
                }
                throw new UncheckedIOException(new IOException(error.getMessage(), error));
            }
            if (current.length < 0) {
                finished = true;
                current = null;
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            // The producer may be blocked handing over a chunk or reading its source; the interrupt (or
            // the caller closing the source) ends it, and it closes the source on its way out.
            thread.interrupt();
            full.clear();
        }
    }

    private record Chunk(byte[] bytes, int length, Exception error) {
    }
}
