package dev.kiln.oci;

import java.time.Duration;
import java.util.List;

/**
 * Docker's {@code HEALTHCHECK}: the test command ({@code ["CMD", ...]}, {@code ["CMD-SHELL", "..."]}
 * or {@code ["NONE"]}) and its timing; null fields inherit the engine's defaults.
 */
public record Healthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
        Duration startInterval, Integer retries) {

    public Healthcheck {
        test = test == null ? null : List.copyOf(test);
    }
}
