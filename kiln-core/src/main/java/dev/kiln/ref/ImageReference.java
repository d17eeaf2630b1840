package dev.kiln.ref;

import dev.kiln.oci.Digest;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A registry image reference, {@code [registry/]repository[:tag][@digest]}, normalised the way Docker
 * does: no registry means {@code docker.io}, {@code index.docker.io} and {@code registry-1.docker.io}
 * are {@code docker.io}, and a one-component Docker Hub name lives under {@code library/}.
 *
 * <p>kiln never adds a tag: a reference written without one has {@code tag == null}, and each command
 * decides what that means (usually an error that lists the tags there are), never a silent
 * {@code :latest}.
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {

    public static final String DOCKER_HUB = "docker.io";
    /** The host Docker Hub's registry API answers on. */
    public static final String DOCKER_HUB_API = "registry-1.docker.io";

    private static final String ALNUM = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|-+)";
    private static final Pattern PATH_COMPONENT = Pattern.compile(ALNUM + "(?:" + SEPARATOR + ALNUM + ")*");
    private static final Pattern DOMAIN_COMPONENT = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("\\[[a-fA-F0-9:]+\\]");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final int MAX_NAME = 255;

    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
    }

    /** Parses and normalises a reference; throws naming the text and what is wrong with it. */
    public static ImageReference parse(String text) throws InvalidReferenceException {
        if (text == null || text.isEmpty()) {
            throw new InvalidReferenceException(text == null ? "" : text, "empty");
        }
        if (!text.equals(text.strip())) {
            throw new InvalidReferenceException(text, "leading or trailing whitespace");
        }
        if (text.contains("://")) {
            throw new InvalidReferenceException(text, "a reference has no scheme (write " + text.substring(text.indexOf("://") + 3)
                    + (text.startsWith("docker://") ? ", or use docker://NAME as a transport" : "") + ")");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String digestText = rest.substring(at + 1);
            try {
                digest = Digest.parse(digestText);
            } catch (IllegalArgumentException e) {
                throw new InvalidReferenceException(text, e.getMessage());
            }
            rest = rest.substring(0, at);
        }
        String tag = null;
        int lastColon = rest.lastIndexOf(':');
        if (lastColon > rest.lastIndexOf('/')) {
            tag = rest.substring(lastColon + 1);
            rest = rest.substring(0, lastColon);
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidReferenceException(text, "invalid tag '" + tag
                        + "' (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')");
            }
        }
        if (rest.isEmpty()) {
            throw new InvalidReferenceException(text, "no repository name");
        }
        String registry;
        String repository;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? "" : rest.substring(0, slash);
        if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(java.util.Locale.ROOT)))) {
            registry = first;
            repository = rest.substring(slash + 1);
            checkRegistry(text, registry);
        } else {
            registry = DOCKER_HUB;
            repository = rest;
        }
        if (registry.equals("index.docker.io") || registry.equals(DOCKER_HUB_API)) {
            registry = DOCKER_HUB;
        }
        checkRepository(text, repository);
        if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
            repository = "library/" + repository;
        }
        if (registry.length() + 1 + repository.length() > MAX_NAME) {
            throw new InvalidReferenceException(text, "name longer than " + MAX_NAME + " characters");
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /** Whether {@link #parse} accepts the text. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidReferenceException e) {
            return false;
        }
    }

    /** Whether the text is a valid tag. */
    public static boolean isValidTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    private static void checkRegistry(String text, String registry) throws InvalidReferenceException {
        String host = registry;
        int colon = registry.lastIndexOf(':');
        if (colon >= 0 && !registry.endsWith("]")) {
            String port = registry.substring(colon + 1);
            host = registry.substring(0, colon);
            if (port.isEmpty() || !port.chars().allMatch(Character::isDigit) || port.length() > 5
                    || Integer.parseInt(port) > 65535) {
                throw new InvalidReferenceException(text, "invalid registry port '" + port + "'");
            }
        }
        if (IPV6.matcher(host).matches()) {
            return;
        }
        for (String component : host.split("\\.", -1)) {
            if (!DOMAIN_COMPONENT.matcher(component).matches()) {
                throw new InvalidReferenceException(text, "invalid registry host '" + host + "'");
            }
        }
    }

    private static void checkRepository(String text, String repository) throws InvalidReferenceException {
        if (repository.isEmpty()) {
            throw new InvalidReferenceException(text, "no repository name");
        }
        if (!repository.equals(repository.toLowerCase(java.util.Locale.ROOT))) {
            throw new InvalidReferenceException(text, "repository name must be lowercase");
        }
        for (String component : repository.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw new InvalidReferenceException(text, "invalid repository component '" + component
                        + "' (lowercase letters and digits, separated by '.', '_', '__' or '-')");
            }
        }
    }

    /** {@code registry/repository}, e.g. {@code docker.io/library/busybox}. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The name as people write it: {@code busybox}, {@code myorg/app}, {@code ghcr.io/org/app}. */
    public String familiarName() {
        if (isDockerHub()) {
            return repository.startsWith("library/") && repository.indexOf('/', 8) < 0
                    ? repository.substring("library/".length()) : repository;
        }
        return name();
    }

    /** The familiar name with tag and digest, e.g. {@code busybox:1.36.1-1}. */
    public String familiar() {
        return familiarName() + suffix();
    }

    public boolean isDockerHub() {
        return DOCKER_HUB.equals(registry);
    }

    public boolean hasTag() {
        return tag != null;
    }

    public boolean hasDigest() {
        return digest != null;
    }

    /** The host to talk to for the registry API ({@code registry-1.docker.io} for Docker Hub). */
    public String apiHost() {
        return isDockerHub() ? DOCKER_HUB_API : registry;
    }

    public ImageReference withTag(String newTag) {
        if (newTag != null && !isValidTag(newTag)) {
            throw new IllegalArgumentException("invalid tag '" + newTag + "'");
        }
        return new ImageReference(registry, repository, newTag, digest);
    }

    public ImageReference withDigest(Digest newDigest) {
        return new ImageReference(registry, repository, tag, newDigest);
    }

    /** Only {@code registry/repository}, without tag or digest. */
    public ImageReference repositoryOnly() {
        return new ImageReference(registry, repository, null, null);
    }

    /** Whether both name the same repository. */
    public boolean sameRepository(ImageReference other) {
        return registry.equals(other.registry) && repository.equals(other.repository);
    }

    private String suffix() {
        return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    /** The full normalised form, {@code docker.io/library/busybox:1.36.1-1}. */
    @Override
    public String toString() {
        return name() + suffix();
    }
}
