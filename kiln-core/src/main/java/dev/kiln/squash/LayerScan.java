package dev.kiln.squash;

import dev.kiln.tar.LayerDigests;
import java.util.List;

/** The first pass's facts about one layer of the range, in tar order, with the layer's digests. */
record LayerScan(int layer, List<ScannedEntry> entries, LayerDigests digests) {
}
