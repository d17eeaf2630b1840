package dev.kiln.lint.fix;

import java.io.IOException;
import java.nio.ByteBuffer;
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

/**
 * Rewrites a file atomically: a temporary file in the same directory, synced, then a rename over the
 * original. A symlink is written through (its target is replaced, the link stays a link), and the
 * file keeps its permissions and owner. Errors name the file, never the temporary one.
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    public static void write(Path file, String text) throws IOException {
        // the rename must replace the file the link points to, or the link would become a copy
        Path target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".kiln-tmp");
        } catch (FileSystemException e) {
            throw named(file, e);
        }
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true); // the data is on disk before the rename makes it the file
            }
            keepAttributes(target, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (FileSystemException e) {
                throw named(file, e);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The new file gets the old one's permissions and owner (a new file: rw-r--r--, ours). */
    private static void keepAttributes(Path target, Path tmp) throws IOException {
        if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) == null) {
            return;
        }
        if (!Files.exists(target)) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            return;
        }
        Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        Object uid = Files.getAttribute(target, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object gid = Files.getAttribute(target, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        try {
            if (!uid.equals(Files.getAttribute(tmp, "unix:uid"))) {
                Files.setAttribute(tmp, "unix:uid", uid);
            }
            if (!gid.equals(Files.getAttribute(tmp, "unix:gid"))) {
                Files.setAttribute(tmp, "unix:gid", gid);
            }
        } catch (FileSystemException e) {
            throw new FileSystemException(target.toString(), null,
                    "cannot keep its owner " + uid + ":" + gid + " (" + e.getReason() + "); left unchanged");
        }
        // chown clears set-user-ID and set-group-ID bits: put them back
        Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
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
}
