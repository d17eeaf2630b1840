package dev.kiln.build.executor;

import dev.kiln.blob.BlobStore;
import dev.kiln.build.cache.BuildCache;
import dev.kiln.build.run.Network;
import dev.kiln.event.EventSink;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What every stage of one build shares.
 *
 * @param blobs           the store's blobs: new layers go here, base layers come from here
 * @param lowers          the unpacked-layer cache
 * @param output          how new layers are written
 * @param cache           step results by key
 * @param runner          the RUN executor, made on first use (it probes the host for a sandbox)
 * @param events          progress and output
 * @param context         the build context
 * @param secrets         {@code --secret} ids to host files
 * @param network         the default network of RUN steps
 * @param sourceDateEpoch when set, the time of every step and the clamp of every mtime
 * @param scratch         temp space for steps
 * @param counters        what the build did, for reports and tests
 * @param fileHashes      content hashes of context files by path, size, mtime and inode
 * @param sshAgents       {@code --ssh} ids to host agent sockets
 */
public record BuildServices(BlobStore blobs, LowerLayers lowers, LayerOutput output, BuildCache cache,
        Supplier<RunStep> runner, EventSink events, ContextTree context, Map<String, Path> secrets, Network network,
        Optional<Instant> sourceDateEpoch, Path scratch, Counters counters, dev.kiln.build.cache.FileHashes fileHashes,
        Map<String, Path> sshAgents) {

    public BuildServices {
        sshAgents = Map.copyOf(sshAgents);
    }

    /** The time a step that runs now is recorded with. */
    public Instant now() {
        return sourceDateEpoch.orElseGet(() -> Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** Counts of what a build did. */
    public static final class Counters {
        private final AtomicInteger steps = new AtomicInteger();
        private final AtomicInteger cached = new AtomicInteger();
        private final AtomicInteger ran = new AtomicInteger();
        private final AtomicInteger runs = new AtomicInteger();

        public int nextStep() {
            return steps.incrementAndGet();
        }

        public void cached() {
            cached.incrementAndGet();
        }

        public void ran(boolean isRun) {
            ran.incrementAndGet();
            if (isRun) {
                runs.incrementAndGet();
            }
        }

        /** Steps taken from the cache. */
        public int cachedSteps() {
            return cached.get();
        }

        /** Layer steps that ran (RUN, COPY, ADD, WORKDIR). */
        public int executedSteps() {
            return ran.get();
        }

        /** RUN commands that ran. */
        public int runCommands() {
            return runs.get();
        }
    }
}
