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
    private final Map<String, String> likely = new ConcurrentHashMap<>();

    void seen(String host, String repository, Digest digest) {
        repositories.put(new Key(host, digest), repository);
    }

    /** Where the blob was seen, else the repository the image most likely came from on that host. */
    Optional<String> repositoryOf(String host, Digest digest) {
        return Optional.ofNullable(repositories.getOrDefault(new Key(host, digest), likely.get(host)));
    }

    /**
     * Records that an image's blobs probably sit in {@code repository} on {@code host} (it was pulled
     * from there, or pushed there before), for images whose manifests kiln did not read from it.
     */
    void likely(String host, String repository) {
        likely.put(host, repository);
    }
}
