package dev.kiln.build.executor;

import dev.kiln.build.cache.CacheKey;
import dev.kiln.image.mutate.ImageDraft;
import dev.kiln.oci.ContainerConfig;
import dev.kiln.oci.History;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/** The image a stage is making, step by step; one per stage walk, used by one thread. */
final class StageState {

    static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    ImageDraft draft;
    CacheKey key;
    Instant lastCreated;
    /** Whether this stage set CMD itself (ENTRYPOINT clears only an inherited CMD). */
    boolean cmdSetHere;

    StageState(StageResult base) {
        this.draft = base.draft();
        this.key = base.key();
        this.lastCreated = base.lastCreated();
    }

    ContainerConfig config() {
        return draft.config().config();
    }

    void edit(UnaryOperator<ContainerConfig> edit) {
        draft = draft.editConfig(edit);
    }

    List<String> shell() {
        List<String> shell = config().shell();
        return shell == null || shell.isEmpty() ? DEFAULT_SHELL : shell;
    }

    String workdir() {
        String dir = config().workingDir();
        return dir == null || dir.isEmpty() ? "/" : dir;
    }

    void configStep(String createdBy) {
        draft = draft.appendHistory(History.emptyLayer(lastCreated, createdBy));
    }
}
