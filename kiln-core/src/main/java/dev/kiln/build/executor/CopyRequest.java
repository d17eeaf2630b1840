package dev.kiln.build.executor;

import dev.kiln.build.context.DockerIgnore;
import dev.kiln.build.run.RootfsView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one COPY or ADD asks for, expanded.
 *
 * @param tree      where sources are read
 * @param sources   source paths or patterns, relative to the tree
 * @param dest      absolute destination in the image ({@code /app/}: a directory)
 * @param chown     new owner of copied and created entries
 * @param chmod     new permissions of copied entries
 * @param parents   {@code --parents}: keep each source's path below the destination
 * @param excludes  {@code --exclude} patterns
 * @param lower     the image so far, for symlinks on the way to the destination, existing
 *                  directories and names; null for {@code FROM scratch} and {@code --link}
 * @param now       mtime of directories the copy creates
 * @param where     the instruction, for messages
 */
public record CopyRequest(SourceTree tree, List<String> sources, String dest, Optional<Chown> chown,
        Optional<Chmod> chmod, boolean parents, DockerIgnore excludes, RootfsView lower, Instant now, String where) {
}
