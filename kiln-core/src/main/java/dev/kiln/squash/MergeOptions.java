package dev.kiln.squash;

import dev.kiln.event.EventSink;
import dev.kiln.tar.Compression;
import dev.kiln.tar.LayerWriteOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the merged layer is made.
 *
 * @param compression    of the merged layer (gzip uses both cores)
 * @param writeOptions   mtime clamp, owner normalisation, level
 * @param parallelism    layers read at once in the first pass
 * @param spoolDirectory where file content waits when a hardlink must become the file (rare)
 * @param events         progress of both passes
 */
public record MergeOptions(Compression compression, LayerWriteOptions writeOptions, int parallelism,
        Path spoolDirectory, EventSink events) {

    public MergeOptions {
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(writeOptions, "writeOptions");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        Objects.requireNonNull(events, "events");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
    }

    /** gzip at the default level, one reader per core, spooling to the system temp directory. */
    public static MergeOptions defaults() {
        return new MergeOptions(Compression.GZIP, LayerWriteOptions.DEFAULT,
                Math.max(1, Runtime.getRuntime().availableProcessors()),
                Path.of(System.getProperty("java.io.tmpdir")), EventSink.NONE);
    }

    public MergeOptions withCompression(Compression c) {
        return new MergeOptions(c, writeOptions, parallelism, spoolDirectory, events);
    }

    public MergeOptions withWriteOptions(LayerWriteOptions o) {
        return new MergeOptions(compression, o, parallelism, spoolDirectory, events);
    }

    public MergeOptions withParallelism(int p) {
        return new MergeOptions(compression, writeOptions, p, spoolDirectory, events);
    }

    public MergeOptions withSpoolDirectory(Path dir) {
        return new MergeOptions(compression, writeOptions, parallelism, dir, events);
    }

    public MergeOptions withEvents(EventSink e) {
        return new MergeOptions(compression, writeOptions, parallelism, spoolDirectory, e);
    }
}
