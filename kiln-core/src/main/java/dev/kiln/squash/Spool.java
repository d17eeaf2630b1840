package dev.kiln.squash;

import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Holds the content of files that must be written later than they are read: a file whose own name was
 * deleted while a hardlink to it (later in the stream) survives. Content goes to temp files, with
 * runs of zeros left as holes so a sparse file stays small. Rare: most squashes spool nothing.
 */
final class Spool implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    /** An entry's metadata and, for a regular file, where its content waits. */
    record Held(LayerEntry entry, Path file) {
    }

    private final Path directory;
    private final Map<Long, Held> held = new HashMap<>();

    Spool(Path directory) {
        this.directory = directory;
    }

    /** Keeps an entry (and its content for a regular file) until {@link #take} asks for it. */
    void hold(long key, LayerEntry entry, InputStream content) throws IOException {
        Path file = null;
        if (entry.type() == EntryType.FILE && entry.size() > 0) {
            Files.createDirectories(directory);
            file = Files.createTempFile(directory, ".kiln-squash-", ".spool");
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[CHUNK];
                long position = 0;
                int n;
                while ((n = content.readNBytes(buffer, 0, buffer.length)) > 0) {
                    if (!allZero(buffer, n)) {
                        out.write(ByteBuffer.wrap(buffer, 0, n), position);
                    }
                    position += n;
                }
                out.truncate(position);
                if (out.size() < position) {
                    // A trailing hole: extend the file without writing data.
                    out.write(ByteBuffer.wrap(new byte[1]), position - 1);
                }
            }
        }
        Held previous = held.put(key, new Held(entry, file));
        if (previous != null) {
            release(previous); // a later duplicate of the same path in one tar wins
        }
    }

    /** The held entry, removed from the spool; its file is the caller's to delete with {@link #release}. */
    Held take(long key) {
        Held h = held.remove(key);
        if (h == null) {
            throw new IllegalStateException("nothing spooled for " + key);
        }
        return h;
    }

    InputStream open(Held h) throws IOException {
        return h.file() == null ? InputStream.nullInputStream() : Files.newInputStream(h.file());
    }

    void release(Held h) throws IOException {
        if (h.file() != null) {
            Files.deleteIfExists(h.file());
        }
    }

    private static boolean allZero(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        for (Held h : held.values()) {
            release(h);
        }
        held.clear();
    }
}
