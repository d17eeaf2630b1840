package dev.kiln.squash;

import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerFormatException;

/** Digest checks of layers read by the squash: every read of a blob is checked. */
final class Checks {

    private Checks() {
    }

    static void digests(LayerInput input, LayerDigests read) throws LayerFormatException {
        if (input.digest() != null && !input.digest().equals(read.digest())) {
            throw new LayerFormatException(input.name() + ": content hashes to " + read.digest()
                    + ", not to the digest " + input.digest());
        }
        if (input.diffId() != null && !input.diffId().equals(read.diffId())) {
            throw new LayerFormatException(input.name() + ": uncompressed content hashes to " + read.diffId()
                    + ", not to its diff_id " + input.diffId());
        }
    }
}
