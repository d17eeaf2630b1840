package dev.kiln.build.cache;

import dev.kiln.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Content hashes of build-context files remembered by path, size, mtime and inode, so a rebuild does
 * not read every source file again (git's index does the same). An entry is trusted only when the file
 * was last modified well before the hash was taken: a file changed within the same clock tick as its
 * hashing is hashed again. Kept in one text file; concurrent builds at worst lose each other's entries.
 */
public final class FileHashes {

    /** Files changed this close to their hashing may have changed again unnoticed in the same tick. */
    private static final long RACY_NANOS = 2_000_000_000L;
    private static final String MAGIC = "kiln-file-hashes 1";

    private record Entry(long size, long mtimeNanos, long inode, long hashedAtNanos, String sha256) {
    }

    private final Path file;
    private final Map<String, Entry> entries = new HashMap<>();
    private boolean loaded;
    private boolean changed;

    public FileHashes(Path file) {
        this.file = file;
    }

    /** The SHA-256 (hex) of a regular file's content. */
    public synchronized String sha256(Path path) throws IOException {
        load();
        Path absolute = path.toAbsolutePath();
        Map<String, Object> attrs = Files.readAttributes(absolute, "unix:size,lastModifiedTime,ino", LinkOption.NOFOLLOW_LINKS);
        long size = (Long) attrs.get("size");
        long mtime = nanos((FileTime) attrs.get("lastModifiedTime"));
        long inode = (Long) attrs.get("ino");
        String key = absolute.toString();
        Entry known = entries.get(key);
        if (known != null && known.size() == size && known.mtimeNanos() == mtime && known.inode() == inode
                && known.hashedAtNanos() - mtime > RACY_NANOS) {
            return known.sha256();
        }
        long hashedAt = System.currentTimeMillis() * 1_000_000L;
        String sha = hash(absolute);
        entries.put(key, new Entry(size, mtime, inode, hashedAt, sha));
        changed = true;
        return sha;
    }

    private static long nanos(FileTime time) {
        java.time.Instant instant = time.toInstant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static String hash(Path path) throws IOException {
        MessageDigest sha = Digest.newSha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(path)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private void load() throws IOException {
        if (loaded) {
            return;
        }
        loaded = true;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        }
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(MAGIC)) {
            return;
        }
        for (int i = 1; i < lines.length; i++) {
            // size mtime inode hashedAt sha256 path (the path last: it may hold spaces)
            String[] f = lines[i].split(" ", 6);
            if (f.length == 6) {
                try {
                    entries.put(f[5], new Entry(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                            Long.parseLong(f[3]), f[4]));
                } catch (NumberFormatException ignored) {
                    // a damaged line is a file hashed again
                }
            }
        }
    }

    /** Writes the table back when it learnt something (atomically). */
    public synchronized void save() throws IOException {
        if (!changed) {
            return;
        }
        StringBuilder text = new StringBuilder(MAGIC).append('\n');
        entries.forEach((path, e) -> {
            if (path.indexOf('\n') < 0) {
                text.append(e.size()).append(' ').append(e.mtimeNanos()).append(' ').append(e.inode()).append(' ')
                        .append(e.hashedAtNanos()).append(' ').append(e.sha256()).append(' ').append(path).append('\n');
            }
        });
        dev.kiln.AtomicFile.write(file, text.toString());
        changed = false;
    }
}
