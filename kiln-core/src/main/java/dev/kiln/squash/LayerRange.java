package dev.kiln.squash;

import dev.kiln.oci.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which layers to merge, as the user says it; {@link #resolve} turns it into indexes of one image.
 * Every form reaches the top layer, as {@code docker-squash} does: layers below stay shared with the
 * base image, and nothing above the merged layer has to be rewritten.
 */
public sealed interface LayerRange {

    /** {@code --all}: every layer. */
    record All() implements LayerRange {
    }

    /** {@code --last N}: the top N layers. */
    record Last(int count) implements LayerRange {
    }

    /**
     * {@code --from LAYER}: from a layer to the top. The layer is a 0-based index (bottom first), or a
     * prefix of its {@code diff_id} or of its blob digest (with or without {@code sha256:}).
     */
    record From(String layer) implements LayerRange {
    }

    /** Resolved: layers {@code [from, to)} of an image of {@code count} layers. */
    record Span(int from, int to, int count) {
        public int size() {
            return to - from;
        }
    }

    /**
     * The indexes of this range in an image.
     *
     * @param diffIds the image's {@code diff_id}s, bottom first
     * @param digests the image's layer blob digests, bottom first
     */
    default Span resolve(List<Digest> diffIds, List<Digest> digests) throws SquashException {
        int count = diffIds.size();
        if (count == 0) {
            throw SquashException.badInput("the image has no layers to squash");
        }
        if (this instanceof All) {
            return new Span(0, count, count);
        }
        if (this instanceof Last last) {
            if (last.count() < 1 || last.count() > count) {
                throw SquashException.badInput("--last " + last.count() + ": the image has " + count + " layer"
                        + (count == 1 ? "" : "s"));
            }
            return new Span(count - last.count(), count, count);
        }
        String spec = ((From) this).layer().trim();
        if (spec.matches("\\d{1,6}")) {
            int index = Integer.parseInt(spec);
            if (index >= count) {
                throw SquashException.badInput("--from " + spec + ": the image has layers 0 to " + (count - 1));
            }
            return new Span(index, count, count);
        }
        String hex = spec.toLowerCase(Locale.ROOT);
        int colon = hex.indexOf(':');
        if (colon >= 0) {
            hex = hex.substring(colon + 1);
        }
        if (!hex.matches("[0-9a-f]{4,128}")) {
            throw SquashException.badInput("--from " + spec + ": expected a layer index or a digest prefix of at "
                    + "least 4 hex digits");
        }
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (diffIds.get(i).encoded().startsWith(hex) || digests.get(i).encoded().startsWith(hex)) {
                matches.add(i);
            }
        }
        if (matches.isEmpty()) {
            throw SquashException.badInput("--from " + spec + ": no layer's diff_id or digest starts with " + hex);
        }
        if (matches.stream().distinct().count() > 1 && !allSame(matches, diffIds)) {
            throw SquashException.badInput("--from " + spec + ": ambiguous, it matches layers " + matches);
        }
        int index = matches.get(0);
        return new Span(index, count, count);
    }

    private static boolean allSame(List<Integer> matches, List<Digest> diffIds) {
        // The same layer twice in one image (an empty layer repeated): start at the lowest.
        return matches.stream().map(diffIds::get).distinct().count() == 1;
    }

    /** Parses the command line's choice; exactly one of the three may be given. */
    static LayerRange of(String from, Integer last, boolean all) throws SquashException {
        int given = (from != null ? 1 : 0) + (last != null ? 1 : 0) + (all ? 1 : 0);
        if (given > 1) {
            throw SquashException.badInput("give only one of --from, --last and --all");
        }
        if (from != null) {
            return new From(from);
        }
        if (last != null) {
            return new Last(last);
        }
        return new All();
    }
}
