package dev.kiln.registry;

import dev.kiln.oci.Digest;
import dev.kiln.oci.MediaType;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET} and {@code HEAD /v2/NAME/manifests/REFERENCE} by tag or digest, accepting OCI and Docker
 * media types. The body's digest is computed and must match {@code Docker-Content-Digest} when sent,
 * and the requested digest when the reference is one.
 */
public final class ManifestPull {

    /** The {@code Accept} header: OCI and Docker manifests and indexes alike. */
    static final String ACCEPT = String.join(", ", MediaType.OCI_INDEX, MediaType.OCI_MANIFEST,
            MediaType.DOCKER_MANIFEST_LIST, MediaType.DOCKER_MANIFEST);

    /** Manifests larger than this are refused (the spec suggests registries accept at least 4 MiB). */
    static final int MAX_MANIFEST = 4 * 1024 * 1024;

    private final RegistryHttp http;
    private final String repository;

    public ManifestPull(RegistryHttp http, String repository) {
        this.http = http;
        this.repository = repository;
    }

    /** The manifest for a tag or digest; fails with MANIFEST_UNKNOWN when absent. */
    public FetchedManifest get(String reference) throws RegistryException {
        Request request = request("GET", reference);
        try (Response response = http.send(request)) {
            if (response.status() != 200) {
                throw response.failure();
            }
            byte[] bytes;
            try {
                bytes = response.bytes(MAX_MANIFEST);
            } catch (IOException e) {
                throw http.error(request, ErrorCode.MANIFEST_INVALID, http.describe(e), e);
            }
            String algorithm = Digest.isValid(reference) ? Digest.parse(reference).algorithm() : Digest.SHA256;
            Optional<String> header = response.header("Docker-Content-Digest");
            if (header.isPresent() && Digest.isValid(header.get())) {
                algorithm = Digest.parse(header.get()).algorithm();
            }
            Digest actual = Digest.of(algorithm, messageDigest(algorithm, bytes));
            if (Digest.isValid(reference) && !actual.equals(Digest.parse(reference))) {
                throw http.error(request, ErrorCode.DIGEST_MISMATCH, "served " + actual, null);
            }
            if (header.isPresent() && Digest.isValid(header.get()) && !actual.equals(Digest.parse(header.get()))) {
                throw http.error(request, ErrorCode.DIGEST_MISMATCH,
                        "Docker-Content-Digest says " + header.get() + " but the body is " + actual, null);
            }
            String mediaType = response.header("Content-Type").map(ManifestPull::bareType).orElse("");
            return new FetchedManifest(bytes, mediaType, actual);
        }
    }

    /** The digest, media type and size of a tag or digest without its body; empty when absent. */
    public Optional<Head> head(String reference) throws RegistryException {
        Request request = request("HEAD", reference);
        try (Response response = http.send(request)) {
            if (response.status() == 404) {
                return Optional.empty();
            }
            if (response.status() != 200) {
                throw response.failure();
            }
            Optional<Digest> digest = response.header("Docker-Content-Digest").filter(Digest::isValid).map(Digest::parse);
            if (digest.isEmpty() && Digest.isValid(reference)) {
                digest = Optional.of(Digest.parse(reference));
            }
            long size = response.header("Content-Length").map(Long::parseLong).orElse(-1L);
            return Optional.of(new Head(digest, response.header("Content-Type").map(ManifestPull::bareType).orElse(""),
                    size));
        }
    }

    /** What a HEAD tells: the digest (when the registry says), the media type and the size. */
    public record Head(Optional<Digest> digest, String mediaType, long size) {
    }

    private Request request(String method, String reference) {
        return Request.builder(method, "/v2/" + repository + "/manifests/" + reference)
                .header("Accept", ManifestPull.ACCEPT)
                .scopes(Request.pullScope(repository))
                .on(repository, "pull manifest " + reference)
                .notFound(ErrorCode.MANIFEST_UNKNOWN)
                .build();
    }

    private static java.security.MessageDigest messageDigest(String algorithm, byte[] bytes) {
        java.security.MessageDigest md = Digest.messageDigestFor(algorithm);
        md.update(bytes);
        return md;
    }

    static String bareType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    }
}
