package dev.kiln.build.snapshot;

import dev.kiln.build.run.RootfsView;
import dev.kiln.tar.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies overlay-style layer directories into one plain tree, bottom layer first, applying their
 * whiteouts and opaque directories: the walk snapshotter's working root. {@code cp -a} does the
 * copying (owners, modes, times, xattrs, devices, hardlinks) far faster than Java can.
 */
final class LayerMerge {

    private LayerMerge() {
    }

    static void materialize(List<Path> lowerDirsTopFirst, Path root) throws IOException {
        Files.createDirectories(root);
        List<Path> bottomFirst = new ArrayList<>(lowerDirsTopFirst);
        java.util.Collections.reverse(bottomFirst);
        for (Path layer : bottomFirst) {
            List<Path> whiteouts = new ArrayList<>();
            prepare(layer, root, whiteouts);
            copy(layer, root);
            for (Path copied : whiteouts) {
                Files.deleteIfExists(copied);
            }
        }
    }

    /** Makes room in {@code target} for {@code layer}: applies whiteouts and opaque dirs, removes type clashes. */
    private static void prepare(Path layer, Path target, List<Path> whiteouts) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(layer)) {
            for (Path child : children) {
                Path there = target.resolve(child.getFileName().toString());
                boolean exists = Files.exists(there, LinkOption.NOFOLLOW_LINKS);
                if (RootfsView.isWhiteout(child)) {
                    if (exists) {
                        FileTrees.deleteRecursively(there);
                    }
                    whiteouts.add(there);
                } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    boolean thereIsDir = Files.isDirectory(there, LinkOption.NOFOLLOW_LINKS);
                    if (exists && !thereIsDir) {
                        Files.delete(there);
                    } else if (thereIsDir && RootfsView.isOpaque(child)) {
                        FileTrees.deleteRecursively(there);
                    } else if (thereIsDir) {
                        prepare(child, there, whiteouts);
                    }
                } else if (Files.isDirectory(there, LinkOption.NOFOLLOW_LINKS)) {
                    FileTrees.deleteRecursively(there);
                } else if (exists) {
                    Files.delete(there);
                }
            }
        }
    }

    private static void copy(Path layer, Path root) throws IOException {
        Process cp = new ProcessBuilder("cp", "-a", "--", layer + "/.", root.toString())
                .redirectErrorStream(true).start();
        cp.getOutputStream().close();
        try (InputStream in = cp.getInputStream()) {
            String output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (cp.waitFor() != 0) {
                throw new IOException("cp -a " + layer + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying " + layer, e);
        }
    }
}
