package dev.kiln.build.executor;

import java.util.Optional;

/**
 * An ADD source that names a git repository, by BuildKit's rules: {@code git://}, {@code ssh://},
 * {@code git@host:path}, {@code github.com/...}, or an {@code http(s)://} URL whose path ends in
 * {@code .git}; an optional fragment {@code #REF[:SUBDIR]} picks a branch, tag or commit and a
 * directory in it. Anything else is not git (a plain URL or a local path).
 *
 * @param remote what {@code git fetch} is given (the URL without the fragment)
 * @param ref    the branch, tag or commit; empty for the remote's HEAD
 * @param subdir the directory inside the repository to copy; empty for all of it
 */
record GitUrl(String remote, Optional<String> ref, Optional<String> subdir) {

    static Optional<GitUrl> parse(String source) {
        int hash = source.indexOf('#');
        String base = hash < 0 ? source : source.substring(0, hash);
        String fragment = hash < 0 ? "" : source.substring(hash + 1);
        String remote;
        if (base.startsWith("git://") || base.startsWith("ssh://") || base.startsWith("git@")) {
            remote = base;
        } else if (base.startsWith("github.com/")) {
            remote = "https://" + base;
        } else if ((base.startsWith("https://") || base.startsWith("http://")) && pathOf(base).endsWith(".git")) {
            remote = base;
        } else {
            return Optional.empty();
        }
        String ref = fragment;
        String subdir = "";
        int colon = fragment.indexOf(':');
        if (colon >= 0) {
            ref = fragment.substring(0, colon);
            subdir = fragment.substring(colon + 1);
        }
        return Optional.of(new GitUrl(remote, nonEmpty(ref), nonEmpty(subdir)));
    }

    /** The URL without credentials, for messages and history. */
    String display() {
        String shown = remote.replaceFirst("^(https?://)[^/@]*@", "$1");
        return shown + ref.map(r -> "#" + r).orElse("") + subdir.map(s -> (ref.isEmpty() ? "#" : "") + ":" + s).orElse("");
    }

    private static String pathOf(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static Optional<String> nonEmpty(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
