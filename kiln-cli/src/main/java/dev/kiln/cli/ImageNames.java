package dev.kiln.cli;

import dev.kiln.ref.ImageReference;
import dev.kiln.ref.InvalidReferenceException;
import java.util.ArrayList;
import java.util.List;

/** Names given to new images ({@code -t NAME:TAG}): each needs a tag, since kiln never adds {@code :latest}. */
final class ImageNames {

    private ImageNames() {
    }

    static List<ImageReference> parseTagged(List<String> texts) throws InvalidReferenceException {
        List<ImageReference> names = new ArrayList<>();
        for (String text : texts) {
            ImageReference reference = ImageReference.parse(text);
            if (!reference.hasTag()) {
                throw new InvalidReferenceException(text, "needs a tag, e.g. " + reference.familiarName()
                        + ":1.0.0-1 (kiln never adds :latest)");
            }
            if (reference.hasDigest()) {
                throw new InvalidReferenceException(text, "a name to give an image cannot carry a digest");
            }
            if (!names.contains(reference)) {
                names.add(reference);
            }
        }
        return names;
    }
}
