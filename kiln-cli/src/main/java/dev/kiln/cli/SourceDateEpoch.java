package dev.kiln.cli;

import java.time.Instant;
import java.util.Optional;

/** {@code SOURCE_DATE_EPOCH} (reproducible-builds.org): when set, the time every new image claims. */
final class SourceDateEpoch {

    private SourceDateEpoch() {
    }

    static Optional<Instant> of(Terminal terminal) {
        String value = terminal.env("SOURCE_DATE_EPOCH");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SOURCE_DATE_EPOCH must be whole seconds since 1970, not '" + value + "'");
        }
    }
}
