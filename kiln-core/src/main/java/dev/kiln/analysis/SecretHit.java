package dev.kiln.analysis;

import java.util.Objects;

/**
 * A file that likely holds a secret. Only the kind is kept, never the secret itself.
 *
 * @param record the record in its layer
 * @param kind   what was recognised ({@code "private key"}, {@code "AWS credentials file"}, ...)
 */
public record SecretHit(int record, String kind) {

    public SecretHit {
        Objects.requireNonNull(kind, "kind");
    }
}
