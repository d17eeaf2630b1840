package dev.kiln.build.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@code RUN --mount=type=...} request as the build step states it, before {@link RunMounts}
 * turns it into host paths and locks.
 */
public sealed interface MountRequest permits MountRequest.Bind, MountRequest.Cache, MountRequest.Tmpfs, MountRequest.Secret,
        MountRequest.Ssh {

    String target();

    /** {@code type=bind}: a host directory or file (from the build context or another stage); writes are discarded. */
    record Bind(Path source, String target, boolean readWrite) implements MountRequest {
        public Bind {
            Objects.requireNonNull(source, "source");
            target = ContainerPath.normalize(target);
        }
    }

    /** BuildKit's {@code sharing} modes for cache mounts. */
    enum Sharing { SHARED, PRIVATE, LOCKED }

    /**
     * {@code type=cache}: a directory that persists between builds under the cache root, keyed by
     * {@code id} (BuildKit defaults it to the target). {@code uid}, {@code gid}, {@code mode} apply
     * when it is created.
     */
    record Cache(String id, String target, Sharing sharing, boolean readOnly, int uid, int gid, int mode) implements MountRequest {
        public Cache {
            target = ContainerPath.normalize(target);
            id = id == null || id.isBlank() ? target : id;
            Objects.requireNonNull(sharing, "sharing");
        }
    }

    /** {@code type=tmpfs}. */
    record Tmpfs(String target, long sizeBytes) implements MountRequest {
        public Tmpfs {
            target = ContainerPath.normalize(target);
        }
    }

    /**
     * {@code type=secret}: a host file shown read-only at {@code target} (default
     * {@code /run/secrets/<id>}) as a private copy owned {@code uid:gid} with {@code mode}; its
     * contents never reach a layer, the history or a cache key.
     */
    record Secret(String id, Path source, String target, int uid, int gid, int mode) implements MountRequest {
        public Secret {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(source, "source");
            target = ContainerPath.normalize(target == null || target.isBlank() ? "/run/secrets/" + id : target);
            if (uid < 0 || gid < 0 || (mode & ~07777) != 0) {
                throw new IllegalArgumentException("secret '" + id + "': bad uid, gid or mode");
            }
        }

        /** BuildKit's defaults: root-owned, mode 0400. */
        public Secret(String id, Path source, String target) {
            this(id, source, target, 0, 0, 0400);
        }
    }

    /**
     * {@code type=ssh}: the host SSH agent at {@code agent}, forwarded through a socket of its own at
     * {@code target} (BuildKit's default {@code /run/buildkit/ssh_agent.N}), owned {@code uid:gid} with {@code mode}.
     */
    record Ssh(String id, Path agent, String target, int uid, int gid, int mode) implements MountRequest {
        public Ssh {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(agent, "agent");
            target = ContainerPath.normalize(target);
        }
    }
}
