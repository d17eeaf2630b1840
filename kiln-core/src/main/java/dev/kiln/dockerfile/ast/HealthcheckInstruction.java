package dev.kiln.dockerfile.ast;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code HEALTHCHECK [options] CMD command} or {@code HEALTHCHECK NONE}. Durations left out are empty
 * (the runtime's defaults apply); zero means "inherit" as in BuildKit.
 */
public record HealthcheckInstruction(Node node, boolean none, Optional<Command> test, Optional<Duration> interval,
        Optional<Duration> timeout, Optional<Duration> startPeriod, Optional<Duration> startInterval,
        OptionalInt retries) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.HEALTHCHECK;
    }
}
