package dev.kiln.event;

import java.util.Objects;

/**
 * Progress of one unit of work (a blob transfer, a build step, a layer being written).
 *
 * @param id     stable identity of the unit, e.g. a short digest or {@code "step 3/7"}
 * @param action what is being done, e.g. {@code "pull"}, {@code "RUN"}
 * @param done   units (usually bytes) done so far
 * @param total  units in all, or -1 when unknown
 * @param state  where the unit is in its life
 */
public record ProgressEvent(String id, String action, long done, long total, State state) implements Event {

    public enum State { STARTED, RUNNING, CACHED, DONE, FAILED }

    public ProgressEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(state, "state");
    }
}
