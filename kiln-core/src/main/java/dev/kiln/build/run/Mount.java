package dev.kiln.build.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A mount the sandbox makes inside the process's root filesystem, already resolved to host paths.
 * {@code RUN --mount} kinds (cache, secret, ...) become these through {@link RunMounts}. Targets are
 * absolute paths inside the container; missing targets are created for the run and removed after it,
 * so they never reach a layer.
 */
public sealed interface Mount permits Mount.Bind, Mount.Tmpfs {

    /** Absolute path inside the container. */
    String target();

    /** A host file or directory bound at {@code target}. */
    record Bind(Path source, String target, boolean readOnly) implements Mount {
        public Bind {
            Objects.requireNonNull(source, "source");
            target = ContainerPath.normalize(target);
            if (!source.isAbsolute()) {
                throw new IllegalArgumentException("bind source must be absolute: " + source);
            }
        }
    }

    /** A fresh tmpfs at {@code target}; {@code sizeBytes} 0 means the kernel default. */
    record Tmpfs(String target, long sizeBytes) implements Mount {
        public Tmpfs {
            target = ContainerPath.normalize(target);
            if (sizeBytes < 0) {
                throw new IllegalArgumentException("tmpfs size must not be negative");
            }
        }
    }
}
