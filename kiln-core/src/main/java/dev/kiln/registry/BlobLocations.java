package dev.kiln.registry;

import dev.kiln.oci.Digest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where in a registry each blob was last seen (host and repository), learnt from the manifests kiln
 * read, so that a push to another repository of the same registry can mount instead of upload.
 */
final class BlobLocations {

    private record Key(String host, Digest digest) {
    }

    private final Map<Key, String> repositories = new ConcurrentHashMap<>();

    void seen(String host, String repository, Digest digest) {
        repositories.put(new Key(host, digest), repository);
    }

    Optional<String> repositoryOf(String host, Digest digest) {
        return Optional.ofNullable(repositories.get(new Key(host, digest)));
    }
}
