package dev.kiln.registry;

import dev.kiln.KilnException;
import java.util.Objects;

/**
 * A registry operation failed for good (after retries). Carries the registry host, the repository,
 * the spec error code and the action that failed; the message reads like
 * {@code 127.0.0.1:5000/app: unauthorized (check kiln login)}. Messages never hold credentials.
 */
public final class RegistryException extends KilnException {

    private static final long serialVersionUID = 1L;

    private final String registry;
    private final String repository;
    private final ErrorCode code;
    private final String action;

    public RegistryException(String registry, String repository, ErrorCode code, String action, String detail) {
        this(registry, repository, code, action, detail, null);
    }

    public RegistryException(String registry, String repository, ErrorCode code, String action, String detail,
                             Throwable cause) {
        this(Kind.FAILURE, registry, repository, code, action, detail, cause);
    }

    /** With a kind: BAD_INPUT when the fault is in what kiln was given (a corrupted local blob to push). */
    RegistryException(Kind kind, String registry, String repository, ErrorCode code, String action, String detail,
                      Throwable cause) {
        super(kind, message(registry, repository, code, action, detail), cause);
        this.registry = Objects.requireNonNull(registry, "registry");
        this.repository = repository == null ? "" : repository;
        this.code = Objects.requireNonNull(code, "code");
        this.action = action == null ? "" : action;
    }

    private static String message(String registry, String repository, ErrorCode code, String action, String detail) {
        String where = repository == null || repository.isEmpty() ? registry : registry + "/" + repository;
        StringBuilder text = new StringBuilder(where).append(": ").append(code.phrase());
        if (code != ErrorCode.UNAUTHORIZED && code != ErrorCode.DENIED && action != null && !action.isEmpty()) {
            text.append(" (").append(action).append(")");
        }
        if (detail != null && !detail.isBlank()) {
            text.append(": ").append(detail.strip());
        }
        return text.toString();
    }

    public String registry() {
        return registry;
    }

    public String repository() {
        return repository;
    }

    public ErrorCode code() {
        return code;
    }

    /** What kiln was doing, e.g. {@code pull manifest 1.0}, {@code push blob sha256:...}. */
    public String action() {
        return action;
    }
}
