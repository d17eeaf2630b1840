package dev.kiln.tar;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
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
 * on the number of threads, so layers stay reproducible. Blocks live in direct buffers: deflating a
 * heap array pins it for the whole call, which holds up garbage collection for every other thread.
 */
final class ParallelGzipOutputStream extends OutputStream {

    static final int BLOCK_SIZE = 128 * 1024;
    private static final int DICTIONARY_SIZE = 32 * 1024;
    /** Deflate's worst case for a block plus the sync marker, so one call always fits. */
    private static final int OUTPUT_SIZE = BLOCK_SIZE + BLOCK_SIZE / 8 + 1024;
    private static final byte[] HEADER = {
        0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff // no name, mtime 0, unknown OS
    };

    private final OutputStream out;
    private final int level;
    private final ExecutorService workers;
    private final int maxInFlight;
    private final ArrayDeque<Future<Output>> inFlight = new ArrayDeque<>();
    private final BlockingQueue<ByteBuffer> freeBlocks;
    private final BlockingQueue<ByteBuffer> freeOutputs;
    private final BlockingQueue<Deflater> deflaters;
    private final CRC32 crc = new CRC32();
    private final byte[] transfer = new byte[OUTPUT_SIZE];
    private ByteBuffer block;
    private ByteBuffer previous;
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
        // Enough blocks queued (2 MiB on two cores) to keep every worker busy while the writer waits for
        // the oldest one, even when other processes take the cores for a while.
        this.maxInFlight = 8 * n;
        this.freeBlocks = new ArrayBlockingQueue<>(maxInFlight + 3);
        this.freeOutputs = new ArrayBlockingQueue<>(maxInFlight + 3);
        this.deflaters = new ArrayBlockingQueue<>(n + maxInFlight);
        this.block = ByteBuffer.allocateDirect(BLOCK_SIZE);
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
            int n = Math.min(len, block.remaining());
            block.put(b, off, n);
            off += n;
            len -= n;
            if (!block.hasRemaining()) {
                submit(false);
            }
        }
    }

    private void submit(boolean last) throws IOException {
        ByteBuffer input = block;
        input.flip();
        ByteBuffer dictionary = previous;
        ByteBuffer output = takeBuffer(freeOutputs, OUTPUT_SIZE);
        Future<Output> job = workers.submit(() -> deflate(input, dictionary, output, last));
        inFlight.addLast(job);
        // This block is the next job's dictionary; the one before it is recycled once this job is written.
        previous = input;
        block = last ? null : takeBuffer(freeBlocks, BLOCK_SIZE);
        while (inFlight.size() > maxInFlight) {
            writeOldest();
        }
    }

    private static ByteBuffer takeBuffer(BlockingQueue<ByteBuffer> pool, int size) {
        ByteBuffer free = pool.poll();
        return free != null ? free.clear() : ByteBuffer.allocateDirect(size);
    }

    private Output deflate(ByteBuffer input, ByteBuffer dictionary, ByteBuffer output, boolean last) {
        Deflater deflater = deflaters.poll();
        if (deflater == null) {
            deflater = new Deflater(level, true);
        }
        try {
            if (dictionary != null) {
                deflater.setDictionary(dictionary.duplicate().position(BLOCK_SIZE - DICTIONARY_SIZE).limit(BLOCK_SIZE));
            }
            deflater.setInput(input.duplicate());
            if (last) {
                deflater.finish();
            }
            int flush = last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH;
            while (true) {
                deflater.deflate(output, flush);
                boolean done = last ? deflater.finished() : (deflater.needsInput() && output.hasRemaining());
                if (done) {
                    break;
                }
                if (!output.hasRemaining()) {
                    // Cannot happen within deflate's bound, but never lose data if it does.
                    ByteBuffer bigger = ByteBuffer.allocateDirect(output.capacity() * 2);
                    output.flip();
                    bigger.put(output);
                    output = bigger;
                }
            }
            output.flip();
            return new Output(output, dictionary);
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
        ByteBuffer bytes = result.bytes;
        while (bytes.hasRemaining()) {
            int n = Math.min(bytes.remaining(), transfer.length);
            bytes.get(transfer, 0, n);
            out.write(transfer, 0, n);
        }
        if (bytes.capacity() == OUTPUT_SIZE) {
            freeOutputs.offer(bytes);
        }
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

    private record Output(ByteBuffer bytes, ByteBuffer dictionary) {
    }
}
