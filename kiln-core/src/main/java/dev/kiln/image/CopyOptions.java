package dev.kiln.image;

import dev.kiln.oci.Platform;
import dev.kiln.oci.Schema;
import dev.kiln.tar.Compression;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link ImageCopier} copies.
 *
 * @param platform     copy only the image for this platform out of an index, and refuse a single image
 *                     for another platform; empty copies every platform when the sink holds indexes
 *                     (unless {@code onePlatform}), else the host's
 * @param onePlatform  with no platform asked for, still copy only the host's image out of an index
 * @param schema       write this schema's media types (rewriting manifests); empty keeps the source's
 * @param compression  re-encode every layer so; empty keeps each layer as it is (a sink's own
 *                     requirement, such as a docker archive's uncompressed layers, wins)
 * @param parallelism  blobs copied at once (a sink that cannot take parallel writes gets one)
 */
public record CopyOptions(Optional<Platform> platform, boolean onePlatform, Optional<Schema> schema, Optional<Compression> compression,
        int parallelism) {

    public static final CopyOptions DEFAULT = new CopyOptions(Optional.empty(), false, Optional.empty(), Optional.empty(), 4);

    public CopyOptions {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(compression, "compression");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
    }

    public CopyOptions withPlatform(Platform value) {
        return new CopyOptions(Optional.ofNullable(value), onePlatform, schema, compression, parallelism);
    }

    /** Out of an index, only the host's image when no platform is asked for (what {@code pull} does by default). */
    public CopyOptions withOnePlatform() {
        return new CopyOptions(platform, true, schema, compression, parallelism);
    }

    public CopyOptions withSchema(Schema value) {
        return new CopyOptions(platform, onePlatform, Optional.ofNullable(value), compression, parallelism);
    }

    public CopyOptions withCompression(Compression value) {
        return new CopyOptions(platform, onePlatform, schema, Optional.ofNullable(value), parallelism);
    }

    public CopyOptions withParallelism(int value) {
        return new CopyOptions(platform, onePlatform, schema, compression, value);
    }
}
