package dev.kiln.analysis.findings;

import java.util.Optional;

/**
 * What the findings need to know beyond the image: how it was named.
 *
 * @param tag            the tag in the reference the user gave, if any
 * @param pinnedByDigest whether the reference names a digest (then a missing tag is fine)
 */
public record FindingContext(Optional<String> tag, boolean pinnedByDigest) {

    public FindingContext {
        tag = tag == null ? Optional.empty() : tag;
    }

    public static FindingContext tagged(String tag) {
        return new FindingContext(Optional.ofNullable(tag), false);
    }
}
