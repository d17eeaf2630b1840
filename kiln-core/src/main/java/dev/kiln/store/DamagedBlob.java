package dev.kiln.store;

import dev.kiln.oci.Digest;
import java.util.List;

/**
 * A blob {@code gc --verify} found damaged and deleted.
 *
 * @param digest  the digest it is stored under
 * @param problem what is wrong with it
 * @param images  the index entries (names, or digests of untagged ones) that need it back: pull or
 *                load them again to repair them
 */
public record DamagedBlob(Digest digest, String problem, List<String> images) {

    public DamagedBlob {
        images = List.copyOf(images);
    }
}
