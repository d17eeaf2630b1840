package dev.kiln.image;

import dev.kiln.oci.MediaType;
import dev.kiln.oci.Schema;
import java.util.Optional;

/**
 * What a sink can hold and how it wants layers, so the copier converts on the way instead of the sink
 * failing: a docker archive holds one image per name with uncompressed layers and Docker media types
 * in its manifest.json, a layout holds anything.
 *
 * @param indexes          whether the sink stores image indexes (else the copier picks one platform)
 * @param layerEncoding    the encoding every layer must have, or empty to keep each layer as it is
 * @param schema           the schema the sink needs, or empty for either
 * @param parallelWrites   whether blobs may be written from several threads at once
 */
public record SinkTraits(boolean indexes, Optional<MediaType.Encoding> layerEncoding, Optional<Schema> schema,
        boolean parallelWrites) {

    /** A directory-like sink: anything goes, in parallel. */
    public static final SinkTraits ANYTHING = new SinkTraits(true, Optional.empty(), Optional.empty(), true);
}
