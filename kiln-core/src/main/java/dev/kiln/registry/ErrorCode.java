package dev.kiln.registry;

import java.util.Locale;

/**
 * Why a registry call failed: the distribution-spec error codes, plus the few kiln names when the
 * registry said nothing usable (no answer, a digest that does not match, an unexpected status).
 */
public enum ErrorCode {
    BLOB_UNKNOWN("blob unknown"),
    BLOB_UPLOAD_INVALID("blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN("blob upload unknown"),
    DIGEST_INVALID("digest invalid"),
    MANIFEST_BLOB_UNKNOWN("manifest references an unknown blob"),
    MANIFEST_INVALID("manifest invalid"),
    MANIFEST_UNKNOWN("manifest unknown"),
    NAME_INVALID("invalid repository name"),
    NAME_UNKNOWN("repository unknown"),
    SIZE_INVALID("size invalid"),
    UNAUTHORIZED("unauthorized (check kiln login)"),
    DENIED("denied (check kiln login and your access to the repository)"),
    UNSUPPORTED("operation unsupported by the registry"),
    TOOMANYREQUESTS("too many requests"),
    /** kiln: the registry could not be reached or kept failing with 5xx after every retry. */
    UNAVAILABLE("registry unavailable"),
    /** kiln: content did not match its digest. */
    DIGEST_MISMATCH("digest mismatch"),
    /** kiln: an answer the spec does not allow here. */
    UNEXPECTED("unexpected response");

    private final String phrase;

    ErrorCode(String phrase) {
        this.phrase = phrase;
    }

    /** Words for an error line, e.g. {@code unauthorized (check kiln login)}. */
    public String phrase() {
        return phrase;
    }

    /** The code for a spec code string, or {@link #UNEXPECTED} for one kiln does not know. */
    public static ErrorCode fromSpec(String code) {
        if (code == null) {
            return UNEXPECTED;
        }
        try {
            return valueOf(code.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNEXPECTED;
        }
    }

    /** The code an HTTP status implies when the body names none. */
    public static ErrorCode fromStatus(int status, ErrorCode notFound) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> DENIED;
            case 404 -> notFound;
            case 405 -> UNSUPPORTED;
            case 429 -> TOOMANYREQUESTS;
            default -> status >= 500 ? UNAVAILABLE : UNEXPECTED;
        };
    }
}
