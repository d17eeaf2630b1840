package dev.kiln.tar;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes one valid gzip member, deflating fixed-size blocks on several threads (the way pigz does):
 * each block is compressed independently, primed with the previous 32 KiB as dictionary so the ratio
 * barely suffers, and ends on a byte boundary (sync flush) so the blocks simply concatenate. The CRC
 * runs on the writing thread. Output depends only on the input, the level and the block size, never
 * on the number of threads, so layers stay reproducible.
 */
final class ParallelGzipOutputStream extends OutputStream {

    static final int BLOCK_SIZE = 128 * 1024;
    private static final int DICTIONARY_SIZE = 32 * 1024;
    private static final byte[] HEADER = {
        0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff // no name, mtime 0, unknown OS
    };

    private final OutputStream out;
    private final int level;
    private final ExecutorService workers;
    private final int maxInFlight;
    private final ArrayDeque<Future<Output>> inFlight = new ArrayDeque<>();
    private final BlockingQueue<byte[]> freeBlocks;
    private final BlockingQueue<Deflater> deflaters;
    private final CRC32 crc = new CRC32();
    private byte[] block;
    private int blockLength;
    private byte[] previous;
    private long total;
    private boolean closed;

    ParallelGzipOutputStream(OutputStream out, int level, int threads) throws IOException {
        this.out = out;
        this.level = level;
        int n = Math.max(1, threads);
        AtomicInteger ids = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "kiln-gzip-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // Enough blocks queued to keep every worker busy while the writer waits for the oldest one.
        this.maxInFlight = 4 * n;
        this.freeBlocks = new ArrayBlockingQueue<>(maxInFlight + 3);
        this.deflaters = new ArrayBlockingQueue<>(n + maxInFlight);
        this.block = new byte[BLOCK_SIZE];
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        crc.update(b, off, len);
        total += len;
        while (len > 0) {
            int n = Math.min(len, BLOCK_SIZE - blockLength);
            System.arraycopy(b, off, block, blockLength, n);
            blockLength += n;
            off += n;
            len -= n;
            if (blockLength == BLOCK_SIZE) {
                submit(false);
            }
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] input = block;
        int length = blockLength;
        byte[] dictionary = previous;
        Future<Output> job = workers.submit(() -> deflate(input, length, dictionary, last));
        inFlight.addLast(job);
        // The previous block is still needed as this job's dictionary; recycle the one before it.
        previous = input;
        blockLength = 0;
        block = last ? null : takeFreeBlock();
        while (inFlight.size() > maxInFlight) {
            writeOldest();
        }
    }

    private byte[] takeFreeBlock() {
        byte[] free = freeBlocks.poll();
        return free != null ? free : new byte[BLOCK_SIZE];
    }

    private Output deflate(byte[] input, int length, byte[] dictionary, boolean last) {
        Deflater deflater = deflaters.poll();
        if (deflater == null) {
            deflater = new Deflater(level, true);
        }
        try {
            if (dictionary != null) {
                deflater.setDictionary(dictionary, dictionary.length - DICTIONARY_SIZE, DICTIONARY_SIZE);
            }
            deflater.setInput(input, 0, length);
            if (last) {
                deflater.finish();
            }
            byte[] output = new byte[length + length / 8 + 256];
            int produced = 0;
            int flush = last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH;
            while (true) {
                int n = deflater.deflate(output, produced, output.length - produced, flush);
                produced += n;
                boolean done = last ? deflater.finished() : (deflater.needsInput() && produced < output.length);
                if (done) {
                    break;
                }
                if (produced == output.length) {
                    output = java.util.Arrays.copyOf(output, output.length * 2);
                }
            }
            return new Output(output, produced, dictionary);
        } finally {
            deflater.reset();
            if (!deflaters.offer(deflater)) {
                deflater.end();
            }
        }
    }

    private void writeOldest() throws IOException {
        Future<Output> job = inFlight.removeFirst();
        Output result;
        try {
            result = job.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("gzip compression failed: " + e.getCause(), e.getCause());
        }
        out.write(result.bytes, 0, result.length);
        if (result.dictionary != null) {
            // Its job is done, so the block used as its dictionary can be reused.
            freeBlocks.offer(result.dictionary);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            submit(true);
            while (!inFlight.isEmpty()) {
                writeOldest();
            }
            long crcValue = crc.getValue();
            byte[] trailer = new byte[8];
            for (int i = 0; i < 4; i++) {
                trailer[i] = (byte) (crcValue >>> (8 * i));
                trailer[4 + i] = (byte) (total >>> (8 * i));
            }
            out.write(trailer);
            out.close();
        } finally {
            closed = true;
            shutdown();
        }
    }

    /** Stops the workers without finishing the stream (after an error elsewhere). */
    void abort() {
        closed = true;
        shutdown();
    }

    private void shutdown() {
        for (Future<Output> job : inFlight) {
            job.cancel(true);
        }
        inFlight.clear();
        workers.shutdownNow();
        Deflater d;
        while ((d = deflaters.poll()) != null) {
            d.end();
        }
    }

    private record Output(byte[] bytes, int length, byte[] dictionary) {
    }
}
