package dev.kiln.tag;

import dev.kiln.KilnException;
import dev.kiln.oci.Digest;
import java.util.Optional;

/**
 * {@code --immutable}: a tag that exists in the registry is never moved to other content. The check
 * asks the registry with a manifest HEAD before anything is uploaded; pushing the same manifest again
 * is allowed (it changes nothing).
 */
public final class ImmutableTags {

    /** What a registry says about a tag: its digest, or empty when the tag does not exist. */
    @FunctionalInterface
    public interface TagLookup {
        /** Empty when absent; an empty digest inside when present but the registry gave no digest. */
        Optional<Optional<Digest>> digestOf(String tag) throws KilnException;
    }

    private ImmutableTags() {
    }

    /**
     * Fails when {@code tag} already names a manifest other than {@code pushing}.
     *
     * @param name the repository as the user wrote it, for the message
     */
    public static void check(String name, String tag, Digest pushing, TagLookup registry) throws KilnException {
        Optional<Optional<Digest>> existing = registry.digestOf(tag);
        if (existing.isEmpty()) {
            return;
        }
        Optional<Digest> digest = existing.get();
        if (digest.isPresent() && digest.get().equals(pushing)) {
            return;
        }
        throw new TagException(KilnException.Kind.FAILURE, name + ":" + tag + " already exists"
                + digest.map(d -> " (" + d + ")").orElse("") + " and --immutable forbids moving it to "
                + pushing + "; push a new tag (kiln tag compute) instead");
    }
}
