package dev.kiln.oci;

/**
 * The two families of image media types kiln reads and writes. Reading accepts both everywhere;
 * writing emits {@link #OCI} unless a caller asks for {@link #DOCKER} (Docker schema 2).
 */
public enum Schema {
    OCI,
    DOCKER;

    public String manifestType() {
        return this == OCI ? MediaType.OCI_MANIFEST : MediaType.DOCKER_MANIFEST;
    }

    public String indexType() {
        return this == OCI ? MediaType.OCI_INDEX : MediaType.DOCKER_MANIFEST_LIST;
    }

    public String configType() {
        return this == OCI ? MediaType.OCI_CONFIG : MediaType.DOCKER_CONFIG;
    }

    /** The layer media type for this schema and encoding. */
    public String layerType(MediaType.Encoding encoding) {
        return MediaType.layer(this, encoding);
    }
}
