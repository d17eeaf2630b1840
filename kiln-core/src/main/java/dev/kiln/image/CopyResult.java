package dev.kiln.image;

import dev.kiln.oci.Descriptor;

/**
 * What a copy did.
 *
 * @param root         the root written to the sink (differs from the source's when media types or
 *                     layers were converted)
 * @param blobsCopied  layers and configs written (manifests are not counted)
 * @param blobsSkipped blobs the sink already had
 * @param bytesCopied  bytes of the blobs written, as stored in the sink
 */
public record CopyResult(Descriptor root, int blobsCopied, int blobsSkipped, long bytesCopied) {
}
