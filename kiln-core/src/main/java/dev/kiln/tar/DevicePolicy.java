package dev.kiln.tar;

/** What to do with character and block device entries. */
public enum DevicePolicy {
    /** Refuse the archive (the safe default: a device node in an image is rarely legitimate). */
    REJECT,
    /** Leave device entries out, as rootless container tools do. */
    SKIP,
    /** Keep them: written into layers, or created by extraction (which needs root). */
    ALLOW
}
