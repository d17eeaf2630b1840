package dev.kiln.analysis;

import dev.kiln.oci.Digest;
import java.util.List;
import java.util.Objects;

/**
 * An image that may be the base of the analysed one (an image of the local store, or {@code --base}).
 *
 * @param manifestDigest null when unknown
 */
public record BaseCandidate(String name, Digest manifestDigest, List<Digest> diffIds) {

    public BaseCandidate {
        Objects.requireNonNull(name, "name");
        diffIds = List.copyOf(diffIds);
    }
}
