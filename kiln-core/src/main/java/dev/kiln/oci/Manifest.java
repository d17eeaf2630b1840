package dev.kiln.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An image manifest: OCI 1.1 (with {@code artifactType} and {@code subject}) or Docker schema 2.
 * {@link #parse} validates and accepts both; {@link #toJson} writes canonical bytes. A manifest that
 * was read keeps nothing of its original bytes: callers that copy content must copy those bytes, not
 * re-serialise, so digests never change.
 *
 * @param mediaType may be null for OCI manifests that omit it (the spec only says SHOULD)
 */
public record Manifest(int schemaVersion, String mediaType, String artifactType, Descriptor config,
        List<Descriptor> layers, Descriptor subject, Map<String, String> annotations) {

    public Manifest {
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
        if (schemaVersion != 2) {
            throw new IllegalArgumentException("schemaVersion must be 2, found " + schemaVersion);
        }
        if (mediaType != null && !MediaType.isManifest(mediaType)) {
            throw new IllegalArgumentException("mediaType '" + mediaType + "' is not an image manifest type");
        }
    }

    /** A new image manifest of the given schema. */
    public static Manifest of(Schema schema, Descriptor config, List<Descriptor> layers) {
        return new Manifest(2, schema.manifestType(), null, config, layers, null, Map.of());
    }

    /** Parses and validates manifest JSON; errors name the field, e.g. {@code manifest: layers[1].size: missing}. */
    public static Manifest parse(byte[] json) throws ImageFormatException {
        return parse(json, "manifest");
    }

    /** As {@link #parse(byte[])}, with {@code what} (e.g. {@code manifest sha256:ab..}) leading every message. */
    public static Manifest parse(byte[] json, String what) throws ImageFormatException {
        return JsonIn.decode(what, json, ManifestCodec::read);
    }

    /** Canonical compact JSON: fixed field order, sorted annotations. */
    public byte[] toJson() {
        return ManifestCodec.write(this);
    }

    /** Docker when the media type (or, without one, the config type) says so; OCI otherwise. */
    public Schema schema() {
        if (mediaType != null) {
            return MediaType.schemaOf(mediaType).orElse(Schema.OCI);
        }
        return MediaType.DOCKER_CONFIG.equals(config.mediaType()) ? Schema.DOCKER : Schema.OCI;
    }

    /** The media type to describe this manifest with: its own, or the one its schema implies. */
    public String effectiveMediaType() {
        return mediaType != null ? mediaType : schema().manifestType();
    }

    /** Whether this describes a runnable image (its config is an image config), not an artifact. */
    public boolean isImage() {
        return MediaType.isImageConfig(config.mediaType());
    }

    public Manifest withConfig(Descriptor newConfig) {
        return new Manifest(schemaVersion, mediaType, artifactType, newConfig, layers, subject, annotations);
    }

    public Manifest withLayers(List<Descriptor> newLayers) {
        return new Manifest(schemaVersion, mediaType, artifactType, config, newLayers, subject, annotations);
    }

    public Manifest withAnnotations(Map<String, String> newAnnotations) {
        return new Manifest(schemaVersion, mediaType, artifactType, config, layers, subject, newAnnotations);
    }

    public Manifest withSubject(Descriptor newSubject) {
        return new Manifest(schemaVersion, mediaType, artifactType, config, layers, newSubject, annotations);
    }

    /**
     * The same image in the other schema's media types (manifest, config, layers). Docker schema 2
     * has no artifactType, subject or annotations, so converting to Docker drops them.
     */
    public Manifest convertTo(Schema target) {
        List<Descriptor> converted = new ArrayList<>(layers.size());
        for (Descriptor layer : layers) {
            converted.add(layer.withMediaType(MediaType.convert(layer.mediaType(), target)));
        }
        Descriptor newConfig = config.withMediaType(MediaType.convert(config.mediaType(), target));
        if (target == Schema.DOCKER) {
            return new Manifest(2, target.manifestType(), null, newConfig, converted, null, Map.of());
        }
        return new Manifest(2, target.manifestType(), artifactType, newConfig, converted, subject, annotations);
    }
}
