package dev.kiln.ref;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an image is, as a user writes it on the command line. The transport prefix decides:
 * <ul>
 * <li>{@code NAME[:TAG][@DIGEST]}: {@link Named}, the local store first, then its registry;</li>
 * <li>{@code docker://NAME}: {@link Registry}, the registry only;</li>
 * <li>{@code oci:DIR[:TAG]}: {@link OciLayout}, an OCI image layout directory;</li>
 * <li>{@code oci-archive:FILE[:TAG]}: {@link OciArchive}, an OCI image layout in a tar file;</li>
 * <li>{@code docker-archive:FILE[:NAME[:TAG]]} or {@code docker-archive:FILE:@N}: {@link DockerArchive},
 * a {@code docker save} archive.</li>
 * </ul>
 * As in skopeo, a path ends at its first {@code :}, so paths with colons cannot be named.
 */
public sealed interface ImageLocation {

    /** The text form, parseable again. */
    String text();

    /** A bare name: the store, and when missing there, the registry it names. */
    record Named(ImageReference reference) implements ImageLocation {
        public Named {
            Objects.requireNonNull(reference, "reference");
        }

        @Override
        public String text() {
            return reference.familiar();
        }
    }

    /** {@code docker://NAME}: a registry, skipping the store. */
    record Registry(ImageReference reference) implements ImageLocation {
        public Registry {
            Objects.requireNonNull(reference, "reference");
        }

        @Override
        public String text() {
            return "docker://" + reference.familiar();
        }
    }

    /** {@code oci:DIR[:TAG]}; the tag is the {@code org.opencontainers.image.ref.name} in {@code index.json}, or null. */
    record OciLayout(Path directory, String tag) implements ImageLocation {
        public OciLayout {
            Objects.requireNonNull(directory, "directory");
        }

        @Override
        public String text() {
            return "oci:" + directory + (tag == null ? "" : ":" + tag);
        }
    }

    /** {@code oci-archive:FILE[:TAG]}: an OCI layout packed in a tar. */
    record OciArchive(Path file, String tag) implements ImageLocation {
        public OciArchive {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String text() {
            return "oci-archive:" + file + (tag == null ? "" : ":" + tag);
        }
    }

    /**
     * {@code docker-archive:FILE[:NAME:TAG]} or {@code docker-archive:FILE:@N}: a docker save archive.
     *
     * @param name  the image's name in the archive (its {@code RepoTags}), or null
     * @param index which image of a multi-image archive (0-based), or -1
     */
    record DockerArchive(Path file, ImageReference name, int index) implements ImageLocation {
        public DockerArchive {
            Objects.requireNonNull(file, "file");
            if (name != null && index >= 0) {
                throw new IllegalArgumentException("a docker-archive location takes a name or an index, not both");
            }
        }

        @Override
        public String text() {
            return "docker-archive:" + file + (name != null ? ":" + name.familiar() : index >= 0 ? ":@" + index : "");
        }
    }

    /** An OCI layout ref name: components of {@code [A-Za-z0-9]} joined by {@code -._:@/+} (image-spec). */
    Pattern REF_NAME = Pattern.compile("[A-Za-z0-9]+(?:(?:[-._:@/+]|--)[A-Za-z0-9]+)*");

    /** Parses a location; errors quote the text and name the transport. */
    static ImageLocation parse(String text) throws InvalidReferenceException {
        if (text == null || text.isEmpty()) {
            throw new InvalidReferenceException("", "empty");
        }
        if (text.startsWith("docker://")) {
            return new Registry(ImageReference.parse(text.substring("docker://".length())));
        }
        if (text.startsWith("oci:")) {
            String[] parts = pathAndRest(text, "oci:");
            return new OciLayout(Path.of(parts[0]), refName(text, parts[1]));
        }
        if (text.startsWith("oci-archive:")) {
            String[] parts = pathAndRest(text, "oci-archive:");
            return new OciArchive(Path.of(parts[0]), refName(text, parts[1]));
        }
        if (text.startsWith("docker-archive:")) {
            String[] parts = pathAndRest(text, "docker-archive:");
            Path file = Path.of(parts[0]);
            String rest = parts[1];
            if (rest == null) {
                return new DockerArchive(file, null, -1);
            }
            if (rest.startsWith("@")) {
                String number = rest.substring(1);
                if (number.isEmpty() || number.length() > 6 || !number.chars().allMatch(Character::isDigit)) {
                    throw new InvalidReferenceException(text, "'@" + number + "' is not an image index (expected @0, @1, ...)");
                }
                return new DockerArchive(file, null, Integer.parseInt(number));
            }
            ImageReference name = ImageReference.parse(rest);
            if (name.hasDigest()) {
                throw new InvalidReferenceException(text, "a docker-archive name cannot have a digest");
            }
            return new DockerArchive(file, name, -1);
        }
        if (text.startsWith("docker-daemon:") || text.startsWith("containers-storage:") || text.startsWith("dir:")) {
            throw new InvalidReferenceException(text, "transport '" + text.substring(0, text.indexOf(':'))
                    + "' is not supported (kiln reads the store, oci:, oci-archive:, docker-archive: and docker://)");
        }
        return new Named(ImageReference.parse(text));
    }

    private static String[] pathAndRest(String text, String prefix) throws InvalidReferenceException {
        String body = text.substring(prefix.length());
        int colon = body.indexOf(':');
        String path = colon < 0 ? body : body.substring(0, colon);
        String rest = colon < 0 ? null : body.substring(colon + 1);
        if (path.isEmpty()) {
            throw new InvalidReferenceException(text, "no path after '" + prefix + "'");
        }
        if (rest != null && rest.isEmpty()) {
            throw new InvalidReferenceException(text, "empty name after the path");
        }
        return new String[] {path, rest};
    }

    private static String refName(String text, String tag) throws InvalidReferenceException {
        if (tag != null && !REF_NAME.matcher(tag).matches()) {
            throw new InvalidReferenceException(text, "invalid tag '" + tag + "' for an OCI layout");
        }
        return tag;
    }
}
