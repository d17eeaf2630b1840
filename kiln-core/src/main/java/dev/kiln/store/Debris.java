package dev.kiln.store;

import dev.kiln.oci.Digest;
import dev.kiln.tar.FileTrees;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * What killed processes leave in the store: every entry of {@code ingest/} (blob temp files, the
 * {@code build-*} and {@code run-*} workspaces of builds and runs, decompressed archives) and every
 * name under {@code layers/<alg>/} that is not a digest (the {@code .<hex>.kiln-extract-*} directories
 * of unpacks). Only safe with the collector lock held exclusive: every process that puts anything
 * there holds it shared for as long as it uses it. {@code layers/chains/} is not debris: its stacks
 * are swept by liveness ({@link UnpackedLayers}).
 */
final class Debris {

    private final Store store;

    Debris(Store store) {
        this.store = store;
    }

    /** Deletes the debris; returns {entries deleted, bytes freed}. */
    long[] delete() throws IOException {
        List<Path> doomed = new ArrayList<>(children(store.ingestDir()));
        for (Path algorithm : children(store.layerCacheDir())) {
            String alg = algorithm.getFileName().toString();
            if (alg.equals(Store.CHAINS) || !Files.isDirectory(algorithm, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            for (Path entry : children(algorithm)) {
                if (!Digest.isValid(alg + ":" + entry.getFileName())) {
                    doomed.add(entry);
                }
            }
        }
        long count = 0;
        long bytes = 0;
        for (Path path : doomed) {
            long size = sizeOf(path);
            try {
                FileTrees.deleteRecursively(path);
                count++;
                bytes += size;
            } catch (NoSuchFileException e) {
                // gone already
            }
        }
        return new long[] {count, bytes};
    }

    private static List<Path> children(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return children;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(children::add);
        }
        return children;
    }

    private static long sizeOf(Path path) {
        try (var walk = Files.walk(path)) {
            return walk.mapToLong(p -> {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    return attributes.isRegularFile() ? attributes.size() : 0;
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
