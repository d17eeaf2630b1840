package dev.kiln.tag;

import dev.kiln.KilnException;
import dev.kiln.event.EventSink;
import dev.kiln.oci.Digest;
import java.util.List;

/**
 * The tag rules a push applies before uploading anything: the {@code latest}-only warning (an error
 * with {@code --strict-tags}) and, with {@code --immutable}, the HEAD check that no tag moves. For
 * {@code kiln push} and {@code kiln build --push}.
 */
public final class PushGuard {

    private final TagPolicy policy;
    private final boolean immutable;
    private final EventSink events;

    public PushGuard(TagPolicy policy, boolean immutable, EventSink events) {
        this.policy = policy;
        this.immutable = immutable;
        this.events = events;
    }

    /**
     * Checks a push of the manifest {@code digest} to {@code tags} of {@code repository}.
     *
     * @param registry answers whether a tag exists there (a manifest HEAD); only asked with --immutable
     */
    public void check(String repository, List<String> tags, Digest digest, ImmutableTags.TagLookup registry)
            throws KilnException {
        policy.check(repository, tags).ifPresent(events::warn);
        if (immutable) {
            for (String tag : tags) {
                ImmutableTags.check(repository, tag, digest, registry);
            }
        }
    }
}
