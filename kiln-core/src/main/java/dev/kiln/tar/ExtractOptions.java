package dev.kiln.tar;

import java.util.Objects;

/**
 * How {@link SafeExtractor} unpacks a layer.
 *
 * @param whiteouts     what whiteout entries do
 * @param restoreOwners chown entries to their uid/gid (needs root) and set xattrs outside {@code user.}
 * @param devices       what device nodes do ({@link DevicePolicy#ALLOW} needs root)
 */
public record ExtractOptions(WhiteoutMode whiteouts, boolean restoreOwners, DevicePolicy devices) {

    /** What whiteout entries become on disk. */
    public enum WhiteoutMode {
        /** Delete the target, or empty an opaque directory of what lower layers put there (applying a layer onto a tree). */
        APPLY,
        /**
         * Write overlayfs whiteouts: a 0:0 character device for a deleted path and the
         * {@code trusted.overlay.opaque=y} and {@code user.overlay.opaque=y} xattrs for an opaque
         * directory (the latter for overlays mounted with {@code userxattr}, as build.run does) (building overlay lower dirs; needs root).
         */
        OVERLAY,
        /** Write the {@code .wh.} files as ordinary empty files (inspecting a layer as it is). */
        KEEP
    }

    /** Apply whiteouts, keep the current user as owner, reject device nodes. */
    public static final ExtractOptions DEFAULT = new ExtractOptions(WhiteoutMode.APPLY, false, DevicePolicy.REJECT);

    public ExtractOptions {
        Objects.requireNonNull(whiteouts, "whiteouts");
        Objects.requireNonNull(devices, "devices");
    }

    /** Options for root: owners restored and device nodes created. */
    public static ExtractOptions asRoot(WhiteoutMode whiteouts) {
        return new ExtractOptions(whiteouts, true, DevicePolicy.ALLOW);
    }

    public ExtractOptions withWhiteouts(WhiteoutMode mode) {
        return new ExtractOptions(mode, restoreOwners, devices);
    }

    public ExtractOptions withRestoreOwners(boolean restore) {
        return new ExtractOptions(whiteouts, restore, devices);
    }

    public ExtractOptions withDevices(DevicePolicy policy) {
        return new ExtractOptions(whiteouts, restoreOwners, policy);
    }
}
