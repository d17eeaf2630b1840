package dev.kiln.tag;

import java.util.List;
import java.util.Optional;

/**
 * The rules for tags kiln writes: {@code latest} is never added implicitly (an image without a tag
 * gets none, or a computed one), and pushing {@code :latest} alone warns, or fails with
 * {@code --strict-tags}: a mutable {@code latest} is what breaks production rollbacks.
 */
public final class TagPolicy {

    public static final String LATEST = "latest";

    private final boolean strict;

    public TagPolicy(boolean strict) {
        this.strict = strict;
    }

    public boolean strict() {
        return strict;
    }

    /**
     * Checks the tags a push or build writes to one repository. Returns a warning to show, or empty;
     * throws when strict.
     */
    public Optional<String> check(String repository, List<String> tags) throws TagException {
        if (tags.isEmpty() || !tags.stream().allMatch(LATEST::equals)) {
            return Optional.empty();
        }
        String message = repository + ":latest is the only tag: it moves with every push, so nothing can "
                + "pin or roll back to this image; add a version tag (kiln tag compute, --tag-scheme semver-build)";
        if (strict) {
            throw TagException.badInput(message + " (--strict-tags)");
        }
        return Optional.of(message);
    }
}
