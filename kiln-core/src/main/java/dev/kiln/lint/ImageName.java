package dev.kiln.lint;

import java.util.Locale;
import java.util.Optional;

/**
 * A base image reference as lint needs it ({@code registry/path:tag@digest}), parsed by the
 * distribution reference rules: the first component is a registry when it has a {@code .} or
 * {@code :} or is {@code localhost}; otherwise the image is on Docker Hub, where one-component names
 * live under {@code library/}. Lint knows nothing of image contents: this is text.
 *
 * @param registry   the registry host as written, or {@code docker.io} when none is written
 * @param path       the repository path without registry ({@code library/debian}, {@code bitnami/redis})
 * @param tag        the tag, if written
 * @param digest     the digest, if written
 */
public record ImageName(String registry, String path, Optional<String> tag, Optional<String> digest) {

    public static ImageName parse(String reference) {
        String ref = reference.trim();
        Optional<String> digest = Optional.empty();
        int at = ref.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(ref.substring(at + 1));
            ref = ref.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        if (colon > slash) {
            tag = Optional.of(ref.substring(colon + 1));
            ref = ref.substring(0, colon);
        }
        String registry = "docker.io";
        String path = ref;
        int first = ref.indexOf('/');
        if (first > 0) {
            String head = ref.substring(0, first);
            if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
                registry = head;
                path = ref.substring(first + 1);
            }
        }
        if (registry.equals("docker.io") || registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = "docker.io";
            if (!path.contains("/")) {
                path = "library/" + path;
            }
        }
        return new ImageName(registry.toLowerCase(Locale.ROOT), path, tag, digest);
    }

    /** The last path component ({@code debian}, {@code redis}, {@code sdk}). */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** True for the official Docker Hub images ({@code debian}, {@code library/python}). */
    public boolean isOfficial() {
        return registry.equals("docker.io") && path.startsWith("library/");
    }

    public String tagOrLatest() {
        return tag.orElse("latest");
    }
}
