package dev.kiln.store;

import dev.kiln.oci.Descriptor;
import dev.kiln.ref.ImageReference;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the store's {@code index.json}: a root (manifest or index) and the name it is tagged
 * with, or none for an untagged image (loaded without a name; reachable by digest).
 */
public record StoredImage(Optional<ImageReference> name, Descriptor root) {

    public StoredImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(root, "root");
    }

    /** {@code busybox:1.36.1-1}, or {@code <untagged> sha256:abc...} for messages. */
    public String display() {
        return name.map(ImageReference::familiar).orElse("<untagged> " + root.digest());
    }
}
