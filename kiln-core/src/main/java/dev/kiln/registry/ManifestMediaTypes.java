package dev.kiln.registry;

import java.util.List;

/** The manifest media types kiln asks registries for, OCI and Docker alike. */
final class ManifestMediaTypes {

    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    static final List<String> ALL = List.of(OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST);

    /** The {@code Accept} header value. */
    static final String ACCEPT = String.join(", ", ALL);

    private ManifestMediaTypes() {
    }
}
