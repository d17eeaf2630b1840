package dev.kiln.tag;

import dev.kiln.oci.Digest;
import dev.kiln.ref.ImageReference;
import dev.kiln.registry.ManifestPull;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistrySession;
import java.util.Optional;

/** Asks a registry, with a manifest HEAD, whether a tag of a repository exists and what it names. */
public final class RegistryTagLookup implements ImmutableTags.TagLookup {

    private final ManifestPull manifests;

    public RegistryTagLookup(RegistrySession session, ImageReference repository) {
        this.manifests = new ManifestPull(session.host(repository.apiHost()), repository.repository());
    }

    @Override
    public Optional<Optional<Digest>> digestOf(String tag) throws RegistryException {
        return manifests.head(tag).map(ManifestPull.Head::digest);
    }
}
