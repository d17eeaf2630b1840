package dev.kiln.tar;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How entries are written into a layer.
 *
 * @param sourceDateEpoch  when present, later mtimes are clamped to it (BuildKit's SOURCE_DATE_EPOCH),
 *                         so rebuilding the same tree later gives the same bytes
 * @param normaliseOwners  write every entry as uid/gid 0 with empty user and group names
 * @param compressionLevel the codec's level, or {@link Compression#DEFAULT_LEVEL}
 */
public record LayerWriteOptions(Optional<Instant> sourceDateEpoch, boolean normaliseOwners, int compressionLevel) {

    public static final LayerWriteOptions DEFAULT = new LayerWriteOptions(Optional.empty(), false,
            Compression.DEFAULT_LEVEL);

    public LayerWriteOptions {
        Objects.requireNonNull(sourceDateEpoch, "sourceDateEpoch");
    }

    public LayerWriteOptions withSourceDateEpoch(Instant epoch) {
        return new LayerWriteOptions(Optional.of(epoch), normaliseOwners, compressionLevel);
    }

    public LayerWriteOptions withNormalisedOwners(boolean normalise) {
        return new LayerWriteOptions(sourceDateEpoch, normalise, compressionLevel);
    }

    public LayerWriteOptions withCompressionLevel(int level) {
        return new LayerWriteOptions(sourceDateEpoch, normaliseOwners, level);
    }

    /** The entry as it will be written: mtime clamped, owners normalised when asked. */
    public LayerEntry apply(LayerEntry entry) {
        boolean clamp = sourceDateEpoch.isPresent() && entry.mtime().isAfter(sourceDateEpoch.get());
        boolean owners = normaliseOwners && (entry.uid() != 0 || entry.gid() != 0 || !entry.uname().isEmpty()
                || !entry.gname().isEmpty());
        if (!clamp && !owners) {
            return entry;
        }
        LayerEntry.Builder b = entry.toBuilder();
        if (clamp) {
            b.mtime(sourceDateEpoch.get());
        }
        if (owners) {
            b.owner(0, 0).names("", "");
        }
        return b.build();
    }
}
