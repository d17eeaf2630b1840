package dev.kiln.tar;

import dev.kiln.KilnException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Unpacks layers into directories without ever writing outside the target: every entry passes the
 * {@link EntryValidator} rules, and on disk every parent directory is checked without following links
 * (a symlink where a directory should be, from this layer or a lower one, is refused rather than
 * followed). Hardlink targets must lie inside the root and not pass through symlinks. Unsafe entries
 * raise {@link UnsafeArchiveException} naming the entry.
 *
 * <p>The checks assume no other process changes the tree while a layer is extracted into it.
 */
public final class SafeExtractor {

    private SafeExtractor() {
    }

    /**
     * Extracts a layer (any compression) into {@code root}, which must be a directory; returns the
     * layer's digests, read in the same pass, so callers can verify them.
     */
    public static LayerDigests extract(InputStream layer, Path root, ExtractOptions options)
            throws IOException, KilnException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.NotDirectoryException(root.toString());
        }
        try (LayerReader reader = LayerReader.open(layer)) {
            Extraction extraction = new Extraction(root, options);
            LayerEntry entry;
            while ((entry = reader.next()) != null) {
                extraction.apply(entry, reader);
            }
            extraction.finish();
            return reader.digests();
        } catch (CorruptStreamException e) {
            throw e.toFormatException();
        }
    }

    /**
     * Extracts into a fresh sibling directory of {@code target} and renames it into place, so that
     * {@code target} either appears complete or not at all; on any error the partial tree is deleted.
     * {@code target} must not exist (or be an empty directory).
     */
    public static LayerDigests extractAtomically(InputStream layer, Path target, ExtractOptions options)
            throws IOException, KilnException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !isEmptyDirectory(absolute)) {
            throw new FileAlreadyExistsException(absolute.toString());
        }
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve("." + absolute.getFileName() + ".kiln-extract-" + UUID.randomUUID());
        Files.createDirectory(temp);
        boolean done = false;
        try {
            LayerDigests digests = extract(layer, temp, options);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (DirectoryNotEmptyException e) {
                throw new FileAlreadyExistsException(absolute.toString());
            }
            done = true;
            return digests;
        } finally {
            if (!done) {
                FileTrees.deleteRecursively(temp);
            }
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }
}
