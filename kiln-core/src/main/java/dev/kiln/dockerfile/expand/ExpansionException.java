package dev.kiln.dockerfile.expand;

/**
 * A word that cannot be expanded: a bad {@code ${...}}, an unterminated quote, or a
 * {@code ${V:?message}} whose variable is unset. {@link StageScope} turns it into a located
 * {@code DockerfileParseException}.
 */
public final class ExpansionException extends Exception {

    private static final long serialVersionUID = 1L;

    public ExpansionException(String message) {
        super(message);
    }
}
