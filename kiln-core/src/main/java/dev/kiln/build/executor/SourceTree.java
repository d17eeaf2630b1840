package dev.kiln.build.executor;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A read-only tree that COPY and ADD take files from: the build context (with its ignore rules) or
 * another stage's root filesystem (merged from its unpacked layers). Paths are relative,
 * slash-separated, cleaned; {@code ""} is the root.
 */
public interface SourceTree {

    /** For messages: {@code build context}, {@code stage builder}. */
    String describe();

    /** The host file behind a path, or empty when it does not exist or is ignored. Never follows the last symlink. */
    Optional<java.nio.file.Path> find(String path) throws IOException;

    /** The visible children of a directory, sorted by name. */
    List<String> children(String dir) throws IOException;

    /** Whether entries keep their owners (another stage) or become root's (the context). */
    boolean keepsOwners();
}
