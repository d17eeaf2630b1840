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

    /** Part of the name of the temp directory an atomic extraction works in (what gc recognises as debris). */
    public static final String TEMP_MARK = ".kiln-extract-";

    private SafeExtractor() {
    }

    /**
     * Extracts a layer (any compression) into {@code root}, which must be a directory; returns the
     * layer's digests, read in the same pass, so callers can verify them.
     */
    public static LayerDigests extract(InputStream layer, Path root, ExtractOptions options)
            throws IOException, KilnException {
        return extract(layer, root, options, OverlayStack.EMPTY).digests();
    }

    /**
     * What an extraction did.
     *
     * @param digests         the layer's digests, read in the same pass
     * @param dependsOnLowers whether the tree depends on the lower layers it was made over (OVERLAY mode:
     *                        a directory the layer only implies copies the lower one's metadata, a
     *                        hardlink to a lower file shares it, a whiteout is made only where a lower
     *                        layer has something to hide); such a tree belongs to that stack of layers
     *                        only, one that does not is the layer's alone
     */
    public record Result(LayerDigests digests, boolean dependsOnLowers) {
    }

    /**
     * Extracts a layer into {@code root}; in OVERLAY mode {@code lowers} are the unpacked layers below
     * it, top first, which decide what the layer's implied directories, lower hardlinks and whiteouts
     * become (see {@link Result#dependsOnLowers()}).
     */
    public static Result extract(InputStream layer, Path root, ExtractOptions options, OverlayStack lowers)
            throws IOException, KilnException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.NotDirectoryException(root.toString());
        }
        try (LayerReader reader = LayerReader.open(layer)) {
            Extraction extraction = new Extraction(root, options, lowers);
            LayerEntry entry;
            while ((entry = reader.next()) != null) {
                extraction.apply(entry, reader);
            }
            extraction.finish();
            return new Result(reader.digests(), extraction.dependsOnLowers());
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
        return extractAtomically(layer, target, options, OverlayStack.EMPTY, result -> target).digests();
    }

    /**
     * {@link #extractAtomically(InputStream, Path, ExtractOptions)} over lower layers, where the
     * directory's name is chosen once the extraction is done: {@code place} gets the result (a tree
     * that depends on its lowers is named for the whole stack, one that does not for the layer). The
     * temp directory lives beside {@code near}; every name {@code place} picks must be on its file system.
     */
    public static Result extractAtomically(InputStream layer, Path near, ExtractOptions options, OverlayStack lowers,
            java.util.function.Function<Result, Path> place) throws IOException, KilnException {
        Path absolute = near.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !isEmptyDirectory(absolute)) {
            throw new FileAlreadyExistsException(absolute.toString());
        }
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve("." + absolute.getFileName() + TEMP_MARK + UUID.randomUUID());
        Files.createDirectory(temp);
        boolean done = false;
        try {
            Result result = extract(layer, temp, options, lowers);
            Path target = place.apply(result).toAbsolutePath().normalize();
            if (!target.equals(absolute)) {
                Files.createDirectories(target.getParent());
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !isEmptyDirectory(target)) {
                    throw new FileAlreadyExistsException(target.toString());
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (DirectoryNotEmptyException e) {
                throw new FileAlreadyExistsException(target.toString());
            }
            done = true;
            return result;
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
