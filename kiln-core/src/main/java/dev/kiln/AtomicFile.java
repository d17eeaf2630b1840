package dev.kiln;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * The one way kiln replaces a whole file: a temp file in the same directory, its data forced to disk,
 * an atomic rename over the target, then the directory forced, so after a crash or power loss the
 * file is the old one or the new one, never empty or half written. A symlink is written through (the
 * file it points to is replaced, the link stays a link), and an existing file keeps its permissions
 * and owner; a new one is {@code rw-r--r--} ({@link #writePrivate}: {@code rw-------}). Errors name
 * the file, never the temp file. Temp files are named {@code .<name>.<random>.tmp}.
 */
public final class AtomicFile {

    /** Writes a file's content, and may return what it learnt doing so. */
    @FunctionalInterface
    public interface Writer<T> {
        T write(OutputStream out) throws IOException, KilnException;
    }

    private AtomicFile() {
    }

    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] content) throws IOException {
        writeBytes(file, content, false);
    }

    /** As {@link #write(Path, byte[])}, but the file is always private to its owner (credentials). */
    public static void writePrivate(Path file, byte[] content) throws IOException {
        writeBytes(file, content, true);
    }

    private static void writeBytes(Path file, byte[] content, boolean secret) throws IOException {
        try {
            write(file, secret, out -> {
                out.write(content);
                return null;
            });
        } catch (KilnException e) {
            throw new IllegalStateException("writing bytes cannot fail so", e);
        }
    }

    /** Streams the content through {@code writer} (buffered); returns what the writer returns. */
    public static <T> T write(Path file, Writer<T> writer) throws IOException, KilnException {
        return write(file, false, writer);
    }

    private static <T> T write(Path file, boolean secret, Writer<T> writer) throws IOException, KilnException {
        // the rename must replace the file a link points to, or the link would become a copy
        Path target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw named(file, e);
        }
        try {
            T result;
            try (FileChannel channel = open(file, temp)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                result = writer.write(new NonClosing(out));
                out.flush();
                channel.force(true); // the data is on disk before the rename makes it the file
            }
            keepAttributes(target, temp, secret);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (FileSystemException e) {
                throw named(file, e);
            }
            syncDirectory(dir);
            return result;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static FileChannel open(Path file, Path temp) throws IOException {
        try {
            return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileSystemException e) {
            throw named(file, e);
        }
    }

    /** The new file gets the old one's permissions and owner (a new file: rw-r--r--, ours). */
    private static void keepAttributes(Path target, Path temp, boolean secret) throws IOException {
        if (Files.getFileAttributeView(temp, PosixFileAttributeView.class) == null) {
            return;
        }
        if (secret || !Files.exists(target)) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            if (!Files.exists(target)) {
                return;
            }
        } else {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
        }
        Object uid = Files.getAttribute(target, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object gid = Files.getAttribute(target, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        try {
            if (!uid.equals(Files.getAttribute(temp, "unix:uid"))) {
                Files.setAttribute(temp, "unix:uid", uid);
            }
            if (!gid.equals(Files.getAttribute(temp, "unix:gid"))) {
                Files.setAttribute(temp, "unix:gid", gid);
            }
        } catch (FileSystemException e) {
            throw new FileSystemException(target.toString(), null,
                    "cannot keep its owner " + uid + ":" + gid + " (" + e.getReason() + "); left unchanged");
        }
        if (!secret) {
            // chown clears set-user-ID and set-group-ID bits: put them back
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename itself has happened
        }
    }

    private static FileSystemException named(Path file, FileSystemException e) {
        FileSystemException named = e instanceof AccessDeniedException
                ? new AccessDeniedException(file.toString(), null, e.getReason())
                : new FileSystemException(file.toString(), null, e.getReason() != null ? e.getReason() : e.getMessage());
        named.initCause(e);
        return named;
    }

    /** Keeps a writer from closing the stream before the data is forced. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
