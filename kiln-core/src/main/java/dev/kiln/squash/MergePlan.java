package dev.kiln.squash;

import dev.kiln.tar.LayerEntry;
import java.util.List;
import java.util.Map;

/**
 * The first pass's decisions, which the second pass follows while it streams the range bottom-up.
 *
 * @param tree        surviving entry per path, and what each layer hides
 * @param cuts        whiteouts and opaque markers still needed against the kept lower layers, written first
 * @param spoolAt     a file entry whose own name is gone but whose hardlinks survive (key) to the position
 *                    where its content is written instead (key of the first surviving link)
 * @param materialize that first surviving link (key) to the file entry it becomes (key)
 * @param linkTargets surviving hardlinks (key) to their target in the merged layer
 * @param lowerFetch  files of the kept lower layers (path) that surviving hardlinks share but that the
 *                    range changed: their content is fetched and written at the first link (key)
 * @param implicit    directories that only existed because an entry below them was extracted, and
 *                    that nothing in the merged layer would create any more
 */
record MergePlan(PathTree tree, List<LayerEntry> cuts, Map<Long, Long> spoolAt, Map<Long, Long> materialize,
        Map<Long, String> linkTargets, Map<String, Long> lowerFetch, List<LayerEntry> implicit) {
}
