package dev.kiln.build.snapshot;

import java.nio.file.Path;
import java.util.List;

/**
 * Gives a build step a writable root over cached, unpacked lower layers and turns what the step did
 * into the changes of one new layer. {@link OverlaySnapshotter} reads an overlayfs upper directory
 * (cost proportional to the change); {@link WalkSnapshotter} copies the lowers and compares two walks
 * (for hosts or users that cannot mount overlayfs). Both give the same entries for the same change.
 */
public interface Snapshotter {

    /** {@code overlay} or {@code walk}. */
    String name();

    /**
     * @param lowerDirsTopFirst unpacked layer directories, topmost first, with overlay-style whiteouts
     *                          (tar's {@code SafeExtractor} in {@code WhiteoutMode.OVERLAY}); read only
     * @param workspace         a fresh directory this snapshot may fill; deleted on close
     */
    Snapshot prepare(List<Path> lowerDirsTopFirst, Path workspace) throws SnapshotException;
}
