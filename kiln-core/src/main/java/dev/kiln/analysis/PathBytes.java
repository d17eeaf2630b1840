package dev.kiln.analysis;

/**
 * Bytes attached to one path.
 *
 * @param path   absolute path in the image ({@code /var/cache/apt/pkgcache.bin})
 * @param bytes  the bytes (reclaimable, visible, or a difference, as the list says)
 * @param copies how many layers hold a copy of it
 * @param layer  the layer most responsible (for reclaimable bytes: the layer that hid the largest copy)
 */
public record PathBytes(String path, long bytes, int copies, int layer) {
}
