package dev.kiln.image;

import dev.kiln.oci.Platform;
import dev.kiln.oci.Schema;
import dev.kiln.tar.Compression;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link ImageCopier} copies.
 *
 * @param platform     copy only the image for this platform out of an index; empty copies every
 *                     platform when the sink holds indexes, else the host's
 * @param schema       write this schema's media types (rewriting manifests); empty keeps the source's
 * @param compression  re-encode every layer so; empty keeps each layer as it is (a sink's own
 *                     requirement, such as a docker archive's uncompressed layers, wins)
 * @param parallelism  blobs copied at once (a sink that cannot take parallel writes gets one)
 */
public record CopyOptions(Optional<Platform> platform, Optional<Schema> schema, Optional<Compression> compression,
        int parallelism) {

    public static final CopyOptions DEFAULT = new CopyOptions(Optional.empty(), Optional.empty(), Optional.empty(), 4);

    public CopyOptions {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(compression, "compression");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
    }

    public CopyOptions withPlatform(Platform value) {
        return new CopyOptions(Optional.ofNullable(value), schema, compression, parallelism);
    }

    public CopyOptions withSchema(Schema value) {
        return new CopyOptions(platform, Optional.ofNullable(value), compression, parallelism);
    }

    public CopyOptions withCompression(Compression value) {
        return new CopyOptions(platform, schema, Optional.ofNullable(value), parallelism);
    }

    public CopyOptions withParallelism(int value) {
        return new CopyOptions(platform, schema, compression, value);
    }
}
