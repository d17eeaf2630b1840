package dev.kiln.oci;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An OCI image index or a Docker manifest list: manifests for several platforms (or several tagged
 * images, as in an OCI layout's {@code index.json}).
 *
 * @param mediaType may be null (an OCI layout's {@code index.json} often omits it)
 */
public record ImageIndex(int schemaVersion, String mediaType, String artifactType, List<Descriptor> manifests,
        Descriptor subject, Map<String, String> annotations) {

    public ImageIndex {
        manifests = List.copyOf(Objects.requireNonNull(manifests, "manifests"));
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
        if (schemaVersion != 2) {
            throw new IllegalArgumentException("schemaVersion must be 2, found " + schemaVersion);
        }
        if (mediaType != null && !MediaType.isIndex(mediaType)) {
            throw new IllegalArgumentException("mediaType '" + mediaType + "' is not an index type");
        }
    }

    /** A new index of the given schema. */
    public static ImageIndex of(Schema schema, List<Descriptor> manifests) {
        return new ImageIndex(2, schema.indexType(), null, manifests, null, Map.of());
    }

    public static ImageIndex parse(byte[] json) throws ImageFormatException {
        return parse(json, "index");
    }

    public static ImageIndex parse(byte[] json, String what) throws ImageFormatException {
        return JsonIn.decode(what, json, IndexCodec::read);
    }

    public byte[] toJson() {
        return IndexCodec.write(this);
    }

    public Schema schema() {
        return mediaType == null ? Schema.OCI : MediaType.schemaOf(mediaType).orElse(Schema.OCI);
    }

    public String effectiveMediaType() {
        return mediaType != null ? mediaType : schema().indexType();
    }

    public ImageIndex withManifests(List<Descriptor> newManifests) {
        return new ImageIndex(schemaVersion, mediaType, artifactType, newManifests, subject, annotations);
    }

    /**
     * The image manifest that best fits the wanted platform ({@link Platform#score}); entries without a
     * platform and non-image entries (attestations, signatures) are never chosen. Ties go to the first.
     */
    public Optional<Descriptor> select(Platform wanted) {
        return manifests.stream()
                .filter(d -> d.platform() != null && MediaType.isManifest(d.mediaType()))
                .filter(d -> !"unknown".equals(d.platform().os()))
                .filter(d -> wanted.score(d.platform()) >= 0)
                .max(Comparator.comparingInt((Descriptor d) -> wanted.score(d.platform()))
                        .thenComparing(Comparator.comparingInt(manifests::indexOf).reversed()));
    }

    /** The platforms this index offers images for, in order. */
    public List<Platform> platforms() {
        List<Platform> platforms = new ArrayList<>();
        for (Descriptor d : manifests) {
            if (d.platform() != null && MediaType.isManifest(d.mediaType()) && !platforms.contains(d.platform())) {
                platforms.add(d.platform());
            }
        }
        return platforms;
    }
}
