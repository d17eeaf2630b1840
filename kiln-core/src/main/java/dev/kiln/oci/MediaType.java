package dev.kiln.oci;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Media types of the OCI image-spec and of Docker's image manifest schema 2, with the questions
 * kiln asks about them. Media types stay plain strings in {@link Descriptor}s because artifacts may
 * carry any type; this class knows the ones that make up images.
 */
public final class MediaType {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    /** Deprecated by image-spec 1.1 but still read: layers a registry must not redistribute. */
    public static final String OCI_LAYER_NONDISTRIBUTABLE = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    public static final String OCI_LAYER_NONDISTRIBUTABLE_GZIP = OCI_LAYER_NONDISTRIBUTABLE + "+gzip";
    public static final String OCI_LAYER_NONDISTRIBUTABLE_ZSTD = OCI_LAYER_NONDISTRIBUTABLE + "+zstd";
    /** The empty descriptor's type ({@code {}}), used as the config of artifacts. */
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    public static final String OCI_LAYOUT_HEADER = "application/vnd.oci.layout.header.v1+json";

    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    /** Not part of Docker's schema 2 text, but written by containers/image and accepted by Docker 23+. */
    public static final String DOCKER_LAYER_ZSTD = "application/vnd.docker.image.rootfs.diff.tar.zstd";
    public static final String DOCKER_LAYER_FOREIGN_GZIP = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    /** Docker schema 1 (signed), which kiln recognises only to refuse with a clear message. */
    public static final String DOCKER_MANIFEST_V1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    public static final String DOCKER_MANIFEST_V1 = "application/vnd.docker.distribution.manifest.v1+json";

    /** How a layer blob is encoded; {@code tar.Compression} has the same constants and does the work. */
    public enum Encoding { NONE, GZIP, ZSTD }

    /** RFC 6838 type/subtype with optional +suffix and parameters; loose on purpose. */
    private static final Pattern SYNTAX = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(\\s*;.*)?");

    private record LayerType(Schema schema, Encoding encoding, boolean distributable) { }

    private static final Map<String, LayerType> LAYERS = Map.ofEntries(
            Map.entry(OCI_LAYER, new LayerType(Schema.OCI, Encoding.NONE, true)),
            Map.entry(OCI_LAYER_GZIP, new LayerType(Schema.OCI, Encoding.GZIP, true)),
            Map.entry(OCI_LAYER_ZSTD, new LayerType(Schema.OCI, Encoding.ZSTD, true)),
            Map.entry(OCI_LAYER_NONDISTRIBUTABLE, new LayerType(Schema.OCI, Encoding.NONE, false)),
            Map.entry(OCI_LAYER_NONDISTRIBUTABLE_GZIP, new LayerType(Schema.OCI, Encoding.GZIP, false)),
            Map.entry(OCI_LAYER_NONDISTRIBUTABLE_ZSTD, new LayerType(Schema.OCI, Encoding.ZSTD, false)),
            Map.entry(DOCKER_LAYER, new LayerType(Schema.DOCKER, Encoding.NONE, true)),
            Map.entry(DOCKER_LAYER_GZIP, new LayerType(Schema.DOCKER, Encoding.GZIP, true)),
            Map.entry(DOCKER_LAYER_ZSTD, new LayerType(Schema.DOCKER, Encoding.ZSTD, true)),
            Map.entry(DOCKER_LAYER_FOREIGN_GZIP, new LayerType(Schema.DOCKER, Encoding.GZIP, false)));

    private MediaType() {
    }

    /** Whether the text is a syntactically valid media type. */
    public static boolean isValid(String mediaType) {
        return mediaType != null && SYNTAX.matcher(mediaType).matches();
    }

    /** An image manifest (OCI or Docker schema 2). */
    public static boolean isManifest(String mediaType) {
        return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
    }

    /** An image index or Docker manifest list. */
    public static boolean isIndex(String mediaType) {
        return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
    }

    /** An image configuration (not an artifact's config). */
    public static boolean isImageConfig(String mediaType) {
        return OCI_CONFIG.equals(mediaType) || DOCKER_CONFIG.equals(mediaType);
    }

    /** A filesystem layer of either schema, in any encoding kiln knows. */
    public static boolean isLayer(String mediaType) {
        return LAYERS.containsKey(mediaType);
    }

    /** A layer a registry must not redistribute (foreign or nondistributable). */
    public static boolean isNonDistributable(String mediaType) {
        LayerType type = LAYERS.get(mediaType);
        return type != null && !type.distributable();
    }

    /** The encoding of a known layer type; empty for anything else. */
    public static Optional<Encoding> layerEncoding(String mediaType) {
        return Optional.ofNullable(LAYERS.get(mediaType)).map(LayerType::encoding);
    }

    /** The (distributable) layer type of a schema for an encoding. */
    public static String layer(Schema schema, Encoding encoding) {
        if (schema == Schema.OCI) {
            return switch (encoding) {
                case NONE -> OCI_LAYER;
                case GZIP -> OCI_LAYER_GZIP;
                case ZSTD -> OCI_LAYER_ZSTD;
            };
        }
        return switch (encoding) {
            case NONE -> DOCKER_LAYER;
            case GZIP -> DOCKER_LAYER_GZIP;
            case ZSTD -> DOCKER_LAYER_ZSTD;
        };
    }

    /** Which schema a known media type belongs to; empty for artifact and unknown types. */
    public static Optional<Schema> schemaOf(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        if (mediaType.startsWith("application/vnd.oci.")) {
            return Optional.of(Schema.OCI);
        }
        if (mediaType.startsWith("application/vnd.docker.")) {
            return Optional.of(Schema.DOCKER);
        }
        return Optional.empty();
    }

    /**
     * The counterpart of a manifest, index, config or layer type in the other schema, keeping
     * encoding and distributability; types without a counterpart (artifacts) come back unchanged.
     */
    public static String convert(String mediaType, Schema target) {
        if (isManifest(mediaType)) {
            return target.manifestType();
        }
        if (isIndex(mediaType)) {
            return target.indexType();
        }
        if (isImageConfig(mediaType)) {
            return target.configType();
        }
        LayerType layer = LAYERS.get(mediaType);
        if (layer == null || layer.schema() == target) {
            return mediaType;
        }
        if (!layer.distributable()) {
            if (target == Schema.DOCKER && layer.encoding() == Encoding.GZIP) {
                return DOCKER_LAYER_FOREIGN_GZIP;
            }
            if (target == Schema.OCI) {
                return switch (layer.encoding()) {
                    case NONE -> OCI_LAYER_NONDISTRIBUTABLE;
                    case GZIP -> OCI_LAYER_NONDISTRIBUTABLE_GZIP;
                    case ZSTD -> OCI_LAYER_NONDISTRIBUTABLE_ZSTD;
                };
            }
        }
        return layer(target, layer.encoding());
    }
}
