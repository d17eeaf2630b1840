package dev.kiln.lint;

import java.util.Locale;
import java.util.Optional;

/** The value formats a {@code label-schema} entry can require (hadolint's names). */
public enum LabelType {
    TEXT, URL, SEMVER, HASH, RFC3339, SPDX, EMAIL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LabelType> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (LabelType t : values()) {
            if (t.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
