package dev.kiln.build.executor;

import dev.kiln.build.context.BuildException;
import dev.kiln.build.context.DockerIgnore;
import dev.kiln.tar.EntryType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

/**
 * A host directory or file holding one path of a source tree, for {@code RUN --mount=type=bind}:
 * the context's own file when it can be bound directly, else a copy of the merged stage subtree.
 */
final class Materialize {

    private Materialize() {
    }

    static Path subtree(SourceTree tree, String source, Path scratch, String where) throws IOException, BuildException {
        Optional<Path> found = tree.find(source);
        if (found.isEmpty()) {
            throw new BuildException(where + ": mount source " + (source.isEmpty() ? "/" : source) + " not found in the "
                    + tree.describe());
        }
        if (tree instanceof ContextTree || !Files.isDirectory(found.get(), LinkOption.NOFOLLOW_LINKS)) {
            return found.get().toAbsolutePath();
        }
        Files.createDirectories(scratch);
        Path root = Files.createTempDirectory(scratch, "bind-");
        CopyRequest request = new CopyRequest(tree, java.util.List.of(source), "/", Optional.empty(), Optional.empty(),
                false, DockerIgnore.NONE, null, Instant.EPOCH, where);
        for (CopyItem item : CopyPlanner.plan(request)) {
            Path target = root.resolve(item.entry().path());
            EntryType type = item.entry().type();
            if (type == EntryType.DIRECTORY) {
                Files.createDirectories(target);
            } else if (type == EntryType.SYMLINK) {
                Files.createDirectories(target.getParent());
                Files.createSymbolicLink(target, Path.of(item.entry().linkTarget()));
                continue;
            } else if (type == EntryType.FILE) {
                Files.createDirectories(target.getParent());
                Files.copy(item.content(), target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                continue;
            }
            Files.setAttribute(target, "unix:mode", item.entry().mode());
            Files.setAttribute(target, "unix:uid", (int) item.entry().uid());
            Files.setAttribute(target, "unix:gid", (int) item.entry().gid());
            Files.setLastModifiedTime(target, FileTime.from(item.entry().mtime()));
        }
        return root;
    }
}
