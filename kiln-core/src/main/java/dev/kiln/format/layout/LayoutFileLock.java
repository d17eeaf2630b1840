package dev.kiln.format.layout;

import dev.kiln.KilnException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The index lock of a plain layout directory: an exclusive {@code flock}-style lock on its
 * {@code oci-layout} file, the one file of a layout that is never replaced (so every process locks the
 * same inode) and that exists in every layout (so locking leaves no file of kiln's behind). Other
 * kiln processes updating the same layout wait; tools that take no lock are not stopped.
 *
 * <p>Java file locks belong to the whole JVM (a second lock on the same file from the same process
 * throws instead of waiting), so threads of one process first queue on a per-file lock from a
 * process-wide table: state that is static because the thing it models is per process.
 */
final class LayoutFileLock implements OciLayout.IndexLock {

    private static final Map<Path, ReentrantLock> PROCESS_WIDE = new ConcurrentHashMap<>();

    private final Path file;

    LayoutFileLock(Path layoutFile) {
        this.file = layoutFile.toAbsolutePath().normalize();
    }

    @Override
    public <T> T locked(OciLayout.Action<T> action) throws IOException, KilnException {
        ReentrantLock inProcess = PROCESS_WIDE.computeIfAbsent(file, f -> new ReentrantLock(true));
        inProcess.lock();
        try {
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (AccessDeniedException e) {
                // a layout we may read and add to but not lock (a read-only oci-layout file): as before, unlocked
                return action.run();
            }
            try (channel; FileLock lock = channel.lock()) {
                return action.run();
            }
        } finally {
            inProcess.unlock();
        }
    }
}
