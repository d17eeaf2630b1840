package dev.kiln.analysis;

import dev.kiln.tar.LayerDigests;
import java.util.List;
import java.util.Objects;

/**
 * What one pass over a layer learned: its records, its digests, the files that look like secrets, and
 * the entries that were skipped because their path leaves the root.
 */
public record LayerScan(LayerRecords records, LayerDigests digests, List<SecretHit> secrets, List<String> unsafePaths) {

    public LayerScan {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(digests, "digests");
        secrets = List.copyOf(secrets);
        unsafePaths = List.copyOf(unsafePaths);
    }
}
