package dev.kiln.oci;

/** Annotation keys kiln reads or writes. */
public final class Annotations {

    /** The tag (or full reference) of a manifest in an OCI layout's {@code index.json}. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    public static final String CREATED = "org.opencontainers.image.created";
    public static final String BASE_NAME = "org.opencontainers.image.base.name";
    public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";
    /** containerd's full image name on index entries (Docker 25+ archives carry it too). */
    public static final String CONTAINERD_IMAGE_NAME = "io.containerd.image.name";

    private Annotations() {
    }
}
