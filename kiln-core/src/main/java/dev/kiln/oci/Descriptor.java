package dev.kiln.oci;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A reference to content: what it is ({@code mediaType}), what it hashes to ({@code digest}) and how
 * long it is ({@code size}), with the optional fields of image-spec 1.1. Immutable; the
 * {@code with*} methods return copies.
 *
 * @param data base64 of the embedded content, or null; when present it must hash to the digest
 */
public record Descriptor(String mediaType, Digest digest, long size, List<String> urls,
        Map<String, String> annotations, Platform platform, String artifactType, String data) {

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (!MediaType.isValid(mediaType)) {
            throw new IllegalArgumentException("invalid media type '" + mediaType + "'");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        if (artifactType != null && !MediaType.isValid(artifactType)) {
            throw new IllegalArgumentException("invalid artifactType '" + artifactType + "'");
        }
        urls = urls == null ? List.of() : List.copyOf(urls);
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, List.of(), Map.of(), null, null, null);
    }

    /** The descriptor of some bytes: their sha256 and length. */
    public static Descriptor of(String mediaType, byte[] content) {
        return new Descriptor(mediaType, Digest.sha256(content), content.length);
    }

    /** The embedded data, decoded, if this descriptor carries any. */
    public Optional<byte[]> embeddedData() {
        return data == null ? Optional.empty() : Optional.of(Base64.getDecoder().decode(data));
    }

    /** An annotation's value, if set. */
    public Optional<String> annotation(String key) {
        return Optional.ofNullable(annotations.get(key));
    }

    public Descriptor withMediaType(String newMediaType) {
        return new Descriptor(newMediaType, digest, size, urls, annotations, platform, artifactType, data);
    }

    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, digest, size, urls, newAnnotations, platform, artifactType, data);
    }

    /** A copy with one annotation set (or removed when the value is null). */
    public Descriptor withAnnotation(String key, String value) {
        Map<String, String> copy = new TreeMap<>(annotations);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return withAnnotations(copy);
    }

    public Descriptor withPlatform(Platform newPlatform) {
        return new Descriptor(mediaType, digest, size, urls, annotations, newPlatform, artifactType, data);
    }

    /** The same content reference without annotations, platform or embedded data. */
    public Descriptor bare() {
        return new Descriptor(mediaType, digest, size, urls, Map.of(), null, artifactType, null);
    }

    /** {@code mediaType digest (size bytes)}, for messages. */
    @Override
    public String toString() {
        return mediaType + " " + digest + " (" + size + " bytes)";
    }
}
