package dev.kiln.analysis;

import dev.kiln.KilnException;
import dev.kiln.oci.Digest;
import java.util.List;
import java.util.Optional;

/** Finds the base of an image: the image whose layers are the longest prefix of its layers. */
public final class BaseImages {

    private BaseImages() {
    }

    /**
     * The candidate with the longest run of diff_ids equal to the image's first ones (never the image
     * itself, found by its manifest digest), or empty when none shares even the first layer.
     */
    public static Optional<BaseCandidate> longestPrefix(List<Digest> diffIds, Digest manifestDigest,
            List<BaseCandidate> candidates) {
        BaseCandidate best = null;
        for (BaseCandidate candidate : candidates) {
            if (manifestDigest != null && manifestDigest.equals(candidate.manifestDigest())) {
                continue;
            }
            if (candidate.diffIds().isEmpty() || !isPrefix(candidate.diffIds(), diffIds)) {
                continue;
            }
            if (best == null || candidate.diffIds().size() > best.diffIds().size()
                    || (candidate.diffIds().size() == best.diffIds().size() && candidate.name().compareTo(best.name()) < 0)) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Checks that a base given by the user really is one; the message says which layer differs. */
    public static void requirePrefix(BaseCandidate base, List<Digest> diffIds, String image) throws AnalysisException {
        List<Digest> baseIds = base.diffIds();
        if (baseIds.size() > diffIds.size()) {
            throw new AnalysisException(KilnException.Kind.BAD_INPUT, base.name() + " is not a base of " + image
                    + ": it has " + baseIds.size() + " layers, the image only " + diffIds.size());
        }
        for (int i = 0; i < baseIds.size(); i++) {
            if (!baseIds.get(i).equals(diffIds.get(i))) {
                throw new AnalysisException(KilnException.Kind.BAD_INPUT, base.name() + " is not a base of " + image
                        + ": layer " + i + " differs (" + baseIds.get(i).shortHex() + " vs " + diffIds.get(i).shortHex()
                        + ")");
            }
        }
    }

    private static boolean isPrefix(List<Digest> prefix, List<Digest> list) {
        if (prefix.size() > list.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!prefix.get(i).equals(list.get(i))) {
                return false;
            }
        }
        return true;
    }
}
