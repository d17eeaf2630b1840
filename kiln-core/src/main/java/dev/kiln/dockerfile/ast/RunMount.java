package dev.kiln.dockerfile.ast;

import java.util.Optional;

/**
 * One {@code RUN --mount=...} (Dockerfile reference, "RUN --mount"). Option values are unquoted and
 * not expanded; numbers ({@code mode}, {@code uid}, {@code gid}, {@code size}) are checked at parse
 * time only when they hold no variable, so they are kept as text.
 */
public sealed interface RunMount permits RunMount.Bind, RunMount.Cache, RunMount.Tmpfs, RunMount.Secret,
        RunMount.Ssh {

    /** The {@code --mount} flag this came from. */
    SourceRange range();

    /** Where it appears in the container, when given (always for bind, cache and tmpfs). */
    Optional<String> target();

    /** {@code type=}: the mount kind as written in the reference. */
    String type();

    /** {@code type=bind} (the default): a read-only view of the context or of {@code from}. */
    record Bind(Optional<String> target, Optional<String> source, Optional<String> from, boolean readWrite,
            SourceRange range) implements RunMount {
        @Override
        public String type() {
            return "bind";
        }
    }

    /** {@code type=cache}: a persistent directory for compilers and package managers. */
    record Cache(Optional<String> target, Optional<String> id, boolean readOnly, Sharing sharing,
            Optional<String> from, Optional<String> source, Optional<String> mode, Optional<String> uid,
            Optional<String> gid, SourceRange range) implements RunMount {
        @Override
        public String type() {
            return "cache";
        }
    }

    /** {@code type=tmpfs}. */
    record Tmpfs(Optional<String> target, Optional<String> size, SourceRange range) implements RunMount {
        @Override
        public String type() {
            return "tmpfs";
        }
    }

    /** {@code type=secret}: a file (default {@code /run/secrets/<id>}) or, with {@code env=}, a variable. */
    record Secret(Optional<String> id, Optional<String> target, Optional<String> env, boolean required,
            Optional<String> mode, Optional<String> uid, Optional<String> gid, SourceRange range) implements RunMount {
        @Override
        public String type() {
            return "secret";
        }
    }

    /** {@code type=ssh}: an SSH agent socket. */
    record Ssh(Optional<String> id, Optional<String> target, boolean required, Optional<String> mode,
            Optional<String> uid, Optional<String> gid, SourceRange range) implements RunMount {
        @Override
        public String type() {
            return "ssh";
        }
    }

    /** {@code sharing=} of a cache mount. */
    enum Sharing {
        SHARED, PRIVATE, LOCKED
    }
}
