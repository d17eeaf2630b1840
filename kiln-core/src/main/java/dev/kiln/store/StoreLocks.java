package dev.kiln.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The store's two locks, on two bytes of one lock file, good across processes and threads:
 * <ul>
 * <li>the <b>collector lock</b> (byte 0): every writer holds it shared while it writes blobs and
 * publishes them; {@code gc} holds it exclusive, so it never deletes a blob a writer has just written
 * or decided to reuse;</li>
 * <li>the <b>index lock</b> (byte 1): exclusive around each read-modify-write of {@code index.json}.</li>
 * </ul>
 * Always collector lock before index lock. A killed process loses its locks with its file handles.
 *
 * <p>Java file locks belong to the whole JVM (a second lock on the same file from the same process
 * throws instead of waiting), so the locks of one store directory are shared by every {@code Store}
 * object of the process through a process-wide table: state that is static because the thing it
 * models is per process.
 *
 * <p>A {@link FileChannel} is interruptible: an interrupt of a thread blocked in (or entering) one of
 * its operations closes the channel, and closing it drops every lock the process holds on the file,
 * including other threads' shared collector locks. So no caller's thread ever touches the channel:
 * every lock, try-lock and release runs on a thread of this object's own pool, which nothing
 * interrupts, and the caller waits for it without giving up; an interrupt that arrives meanwhile is
 * kept and restored on the caller's thread once the operation is done.
 */
final class StoreLocks {

    private static final Map<Path, StoreLocks> PROCESS_WIDE = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantReadWriteLock collector = new ReentrantReadWriteLock(true);
    private final ReentrantLock index = new ReentrantLock(true);
    private final ExecutorService locker = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "kiln-store-locker");
        thread.setDaemon(true);
        return thread;
    });
    private final Object channelGuard = new Object();
    private FileChannel channel;
    private FileLock sharedCollector;
    private int sharedHolders;

    private StoreLocks(Path file) {
        this.file = file;
    }

    static StoreLocks forFile(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        Files.createDirectories(key.getParent());
        return PROCESS_WIDE.computeIfAbsent(key, StoreLocks::new);
    }

    // Its own monitor, not this object's: a caller may hold that while a locker thread opens the channel.
    private FileChannel channel() throws IOException {
        synchronized (channelGuard) {
            return openChannel();
        }
    }

    private FileChannel openChannel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        return channel;
    }

    /** A held lock; closing releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** Takes the collector lock shared (a writer), waiting for a running gc. */
    Held shareCollector() throws IOException {
        collector.readLock().lock();
        try {
            synchronized (this) {
                if (sharedHolders == 0) {
                    sharedCollector = lockRegion(0, true);
                }
                sharedHolders++;
            }
        } catch (IOException | RuntimeException e) {
            collector.readLock().unlock();
            throw e;
        }
        return () -> {
            try {
                synchronized (this) {
                    sharedHolders--;
                    if (sharedHolders == 0 && sharedCollector != null) {
                        release(sharedCollector);
                        sharedCollector = null;
                    }
                }
            } finally {
                collector.readLock().unlock();
            }
        };
    }

    /** Takes the collector lock exclusive (gc), waiting for writers to finish. */
    Held excludeCollector() throws IOException {
        collector.writeLock().lock();
        FileLock lock;
        try {
            lock = lockRegion(0, false);
        } catch (IOException | RuntimeException e) {
            collector.writeLock().unlock();
            throw e;
        }
        return () -> {
            try {
                release(lock);
            } finally {
                collector.writeLock().unlock();
            }
        };
    }

    /** The collector lock exclusive if no writer holds it now, else null. */
    Held tryExcludeCollector() throws IOException {
        if (!collector.writeLock().tryLock()) {
            return null;
        }
        FileLock lock;
        try {
            lock = onLocker(() -> channel().tryLock(0, 1, false));
        } catch (IOException | RuntimeException e) {
            collector.writeLock().unlock();
            throw e;
        }
        if (lock == null) {
            collector.writeLock().unlock();
            return null;
        }
        return () -> {
            try {
                release(lock);
            } finally {
                collector.writeLock().unlock();
            }
        };
    }

    /** Takes the index lock. */
    Held lockIndex() throws IOException {
        index.lock();
        FileLock lock;
        try {
            lock = lockRegion(1, false);
        } catch (IOException | RuntimeException e) {
            index.unlock();
            throw e;
        }
        return () -> {
            try {
                release(lock);
            } finally {
                index.unlock();
            }
        };
    }

    private FileLock lockRegion(long position, boolean shared) throws IOException {
        try {
            return onLocker(() -> channel().lock(position, 1, shared));
        } catch (OverlappingFileLockException e) {
            // The in-process locks above make this impossible; if it happens the invariant broke.
            throw new IllegalStateException("store lock " + file + " region " + position + " already held in this process", e);
        }
    }

    private void release(FileLock lock) throws IOException {
        onLocker(() -> {
            lock.release();
            return null;
        });
    }

    private interface ChannelAction<T> {
        T run() throws IOException;
    }

    /** Runs {@code action} on the locker pool and waits for it, uninterruptibly. */
    private <T> T onLocker(ChannelAction<T> action) throws IOException {
        Future<T> result = locker.submit(action::run);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
